// Databases for `leadscore import` tests, on each test store: a SQLite file or a fresh PostgreSQL
// database, with a workspace and an active model, and how the CLI reaches it (--db or
// DATABASE_URL). Dropped after the test file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onTestStores, type StoreName } from './test-stores.js';
import { PG_SERVER, pgAdmin as admin } from './pg-admin.js';

export interface ImportDatabase {
  /** Arguments and environment that point the CLI at it. */
  args: string[];
  env: Record<string, string>;
  /** A store over it (the caller closes it). */
  open(): Store;
}

export interface ImportTarget {
  name: StoreName;
  /** A new, migrated database with a workspace `acme` and the model active. */
  create(model: Record<string, unknown>, at: number): Promise<ImportDatabase & { ws: string }>;
}

/** Call at the top level of a test file. */
export function importTargets(): ImportTarget[] {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-import-'));
  const databases: string[] = [];
  afterAll(async () => {
    for (const name of databases) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  const withWorkspace = async (db: ImportDatabase, model: Record<string, unknown>, at: number) => {
    const store = db.open();
    try {
      await store.migrate();
      const ws = (await store.createWorkspace('acme', at)).id;
      await store.activateModel(ws, await store.addModel(ws, model, at), at);
      return { ...db, ws };
    } finally {
      await store.close();
    }
  };
  const targets: ImportTarget[] = [
    {
      name: 'sqlite',
      create: (model, at) => {
        const file = join(dir, `${n++}.db`);
        return withWorkspace(
          {
            args: ['--db', file],
            env: { DATABASE_URL: '' },
            open: () => openSqliteStore({ file }),
          },
          model,
          at,
        );
      },
    },
    {
      name: 'postgres',
      create: async (model, at) => {
        const name = `leadscore_import_${randomBytes(6).toString('hex')}`;
        await admin(`CREATE DATABASE ${name}`);
        databases.push(name);
        const url = new URL(PG_SERVER);
        url.pathname = `/${name}`;
        const connectionString = url.toString();
        return withWorkspace(
          {
            args: [],
            env: { DATABASE_URL: connectionString },
            open: () => openPostgresStore({ connectionString }),
          },
          model,
          at,
        );
      },
    },
  ];
  return onTestStores(targets);
}

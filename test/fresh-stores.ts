// Real stores for cross-module tests: a SQLite file in a temporary folder, and a fresh
// PostgreSQL database on the local server, each migrated and dropped after the test file
// (only those LEADSCORE_TEST_STORES names, when it is set).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onTestStores, type StoreName } from './test-stores.js';

export interface StoreKind {
  name: StoreName;
  /** A new, migrated, empty store; closed and removed after the test file. */
  open(): Promise<Store>;
}

const serverUrl =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Call at the top level of a test file. */
export function freshStores(): StoreKind[] {
  const opened: Store[] = [];
  const databases: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-it-'));
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    for (const name of databases) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  });
  const keep = async (store: Store) => {
    opened.push(store);
    await store.migrate();
    return store;
  };
  const kinds: StoreKind[] = [
    {
      name: 'sqlite',
      open: () => keep(openSqliteStore({ file: join(dir, `${opened.length}.db`) })),
    },
    {
      name: 'postgres',
      open: async () => {
        const name = `leadscore_it_${randomBytes(6).toString('hex')}`;
        await admin(`CREATE DATABASE ${name}`);
        databases.push(name);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        return keep(openPostgresStore({ connectionString: url.toString() }));
      },
    },
  ];
  return onTestStores(kinds);
}

// The databases a crash test runs `leadscore serve` on, one per store: a fresh SQLite file, or a
// fresh PostgreSQL database (dropped after the file's tests), each with the environment the
// server needs to use it and a way for the test to open the same database itself.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { PG_SERVER, pgAdmin } from './pg-admin.js';
import { onTestStores } from './test-stores.js';

export interface CrashTarget {
  /** The SQLite file `serve --db` is given (unused on PostgreSQL). */
  db: string;
  /** DATABASE_URL for the server: '' for SQLite. */
  env: { DATABASE_URL: string };
  open: () => Store;
}

/** `prefix` names the temporary folder and databases (letters and digits). */
export function crashTargets(prefix: string): { name: string; make: () => Promise<CrashTarget> }[] {
  const dir = mkdtempSync(join(tmpdir(), `leadscore-${prefix}-`));
  const databases: string[] = [];
  afterAll(async () => {
    for (const name of databases) await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  });
  return onTestStores([
    {
      name: 'sqlite',
      make: async () => {
        const db = join(dir, `${randomBytes(4).toString('hex')}.db`);
        return { db, env: { DATABASE_URL: '' }, open: () => openSqliteStore({ file: db }) };
      },
    },
    {
      name: 'postgres',
      make: async () => {
        const name = `leadscore_${prefix}_${randomBytes(6).toString('hex')}`;
        await pgAdmin(`CREATE DATABASE ${name}`);
        databases.push(name);
        const url = new URL(PG_SERVER);
        url.pathname = `/${name}`;
        const connectionString = url.toString();
        return {
          db: join(dir, 'unused.db'),
          env: { DATABASE_URL: connectionString },
          open: () => openPostgresStore({ connectionString }),
        };
      },
    },
  ]);
}

/** Polls `check` until it holds; throws naming `what` after `ms`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 30_000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

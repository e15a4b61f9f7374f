// Real stores for cross-module tests: a SQLite file in a temporary folder, and a fresh
// PostgreSQL database on the local server, each migrated and dropped after the test file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** A new, migrated, empty store; closed and removed after the test file. */
  open(): Promise<Store>;
  /**
   * Runs one statement (`?` or `$1` parameters, as the dialect wants) on the database of the
   * store opened last, past the store's own checks: to plant rows an older release could write.
   */
  exec(statement: string, values?: unknown[]): Promise<void>;
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
  let lastFile = '';
  let lastUrl = '';
  const keep = async (store: Store) => {
    opened.push(store);
    await store.migrate();
    return store;
  };
  return [
    {
      name: 'sqlite',
      open: () => {
        lastFile = join(dir, `${opened.length}.db`);
        return keep(openSqliteStore({ file: lastFile }));
      },
      exec: async (statement, values = []) => {
        const db = new Database(lastFile);
        try {
          db.prepare(statement).run(...values);
        } finally {
          db.close();
        }
      },
    },
    {
      name: 'postgres',
      open: async () => {
        const name = `leadscore_it_${randomBytes(6).toString('hex')}`;
        await admin(`CREATE DATABASE ${name}`);
        databases.push(name);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        lastUrl = url.toString();
        return keep(openPostgresStore({ connectionString: lastUrl }));
      },
      exec: async (statement, values = []) => {
        const client = new pg.Client({ connectionString: lastUrl });
        await client.connect();
        try {
          await client.query(statement, values);
        } finally {
          await client.end();
        }
      },
    },
  ];
}

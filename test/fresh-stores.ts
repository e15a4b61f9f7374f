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
}

const serverUrl =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(sql: string, connectionString = serverUrl): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Where each fresh store keeps its data: its SQLite file or its PostgreSQL URL. */
const locations = new WeakMap<Store, { file: string } | { url: string }>();

/**
 * Breaks a fresh store underneath its user, through a connection of its own, so that a test
 * can make a real internal error (no mock of the store).
 */
export async function dropTable(store: Store, table: string): Promise<void> {
  const where = locations.get(store);
  if (!where) throw new Error('dropTable: not a store made by freshStores()');
  if ('url' in where) return admin(`DROP TABLE ${table} CASCADE`, where.url);
  const db = new Database(where.file);
  try {
    db.exec(`DROP TABLE ${table}`);
  } finally {
    db.close();
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
  return [
    {
      name: 'sqlite',
      open: () => {
        const file = join(dir, `${opened.length}.db`);
        const store = openSqliteStore({ file });
        locations.set(store, { file });
        return keep(store);
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
        const store = openPostgresStore({ connectionString: url.toString() });
        locations.set(store, { url: url.toString() });
        return keep(store);
      },
    },
  ];
}

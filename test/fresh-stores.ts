// Real stores for cross-module tests: a SQLite file in a temporary folder, and a fresh
// PostgreSQL database on the local server, each migrated and dropped after the test file
// (only those LEADSCORE_TEST_STORES names, when it is set).
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
import { onTestStores, type StoreName } from './test-stores.js';

export interface StoreKind {
  name: StoreName;
  /** A new, migrated, empty store; closed and removed after the test file. */
  open(): Promise<Store>;
  /**
   * Runs one statement (`?` or `$1` parameters, as the dialect wants) on the database of the
   * store opened last, past the store's own checks: to plant rows an older release could write.
   */
  exec(statement: string, values?: unknown[]): Promise<void>;
  /** A new database as open() makes it, with more ways in. */
  openShared(): Promise<SharedDatabase>;
}

/** One database reached several ways, as two servers and an operator reach it. */
export interface SharedDatabase {
  dialect: StoreKind['name'];
  store: Store;
  /** Another store over the same database with connections of its own (a second server). */
  another(): Store;
  /** Raw SQL on the database, outside any store (rows of a SELECT). */
  query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
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

/** The database each fresh store was opened on, reached past the store. */
const databasesOf = new WeakMap<Store, SharedDatabase>();

/**
 * Breaks a fresh store underneath its user, through a connection of its own, so that a test
 * can make a real internal error (no mock of the store).
 */
export async function dropTable(store: Store, table: string): Promise<void> {
  const database = databasesOf.get(store);
  if (!database) throw new Error('dropTable: not a store made by freshStores()');
  await database.query(`DROP TABLE ${table}${database.dialect === 'postgres' ? ' CASCADE' : ''}`);
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
  const track = (store: Store) => {
    opened.push(store);
    return store;
  };
  const sqliteShared = async (): Promise<SharedDatabase> => {
    const file = join(dir, `${opened.length}.db`);
    return {
      dialect: 'sqlite',
      store: await keep(openSqliteStore({ file })),
      another: () => track(openSqliteStore({ file })),
      query: async (sql, values = []) => {
        const db = new Database(file);
        try {
          const statement = db.prepare(sql);
          if (!statement.reader) {
            statement.run(...values);
            return [];
          }
          return statement.all(...values) as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
    };
  };
  const postgresShared = async (): Promise<SharedDatabase> => {
    const name = `leadscore_it_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    databases.push(name);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const connectionString = url.toString();
    return {
      dialect: 'postgres',
      store: await keep(openPostgresStore({ connectionString })),
      another: () => track(openPostgresStore({ connectionString })),
      query: async (sql, values = []) => {
        const client = new pg.Client({ connectionString });
        await client.connect();
        try {
          return (await client.query<Record<string, unknown>>(sql, values)).rows;
        } finally {
          await client.end();
        }
      },
    };
  };
  let last: SharedDatabase | undefined;
  const remember = async (opening: Promise<SharedDatabase>) => {
    last = await opening;
    databasesOf.set(last.store, last);
    return last;
  };
  const exec = async (statement: string, values: unknown[] = []) => {
    if (!last) throw new Error('exec before any store was opened');
    await last.query(statement, values);
  };
  const kinds: StoreKind[] = [
    {
      name: 'sqlite',
      open: async () => (await remember(sqliteShared())).store,
      openShared: () => remember(sqliteShared()),
      exec,
    },
    {
      name: 'postgres',
      open: async () => (await remember(postgresShared())).store,
      openShared: () => remember(postgresShared()),
      exec,
    },
  ];
  return onTestStores(kinds);
}

// The dialect-free core's two drivers opened bare for the sql tests: a SQLite file in a temporary
// folder, and a PostgreSQL connection whose tables live in its own temporary schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { types } from '../src/store/postgres/pg-db.js';
import { pgSqlDb } from '../src/store/postgres/pg-sql-db.js';
import type { SqlDb } from '../src/store/sql/sql-db.js';
import { sqliteSqlDb } from '../src/store/sqlite/sqlite-sql-db.js';

const serverUrl =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface OpenedDb {
  db: SqlDb;
  close: () => Promise<void>;
}

export async function openSqliteDb(): Promise<OpenedDb> {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-sql-'));
  const file = new Database(join(dir, 'db.sqlite'));
  return {
    db: sqliteSqlDb(file),
    close: async () => {
      file.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPgDb(): Promise<OpenedDb & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: serverUrl, types });
  await client.connect();
  // A temporary schema of this connection: nothing left behind, nothing shared.
  await client.query('SET search_path TO pg_temp');
  return { db: pgSqlDb(client), client, close: () => client.end() };
}

/** Each driver by the store name the tests run on. */
export const sqlDrivers: Record<string, () => Promise<OpenedDb>> = {
  sqlite: openSqliteDb,
  postgres: openPgDb,
};

/**
 * Opens databases on the named driver for the describe block it is called in, each a fresh one,
 * and closes them all after that block.
 */
export function driverOpener(name: string): () => Promise<SqlDb> {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });
  return async () => {
    const { db, close } = await sqlDrivers[name]!();
    closers.push(close);
    return db;
  };
}

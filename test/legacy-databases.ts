// Databases as the release before the one migration list left them: its per-dialect migration
// ids (frozen here), applied in its order with the same SQL, on empty SQLite and PostgreSQL
// databases; and what a test compares across an upgrade (schema, rows).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { Dialect, Migration } from '../src/store/migration.js';
import { migrations } from '../src/store/migrations/index.js';
import type { Store } from '../src/store/port.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onTestStores } from './test-stores.js';

/** The ids each dialect's own list had, in its order (src/store/{sqlite,postgres}/migrations). */
export const LEGACY_IDS: Readonly<Record<Dialect, readonly string[]>> = {
  sqlite: [
    '001-initial',
    '002-lead-scores-rowid',
    '003-webhooks',
    '004-score-due',
    '005-lead-routing',
    '006-lifecycle',
    '007-account-scores',
    '008-webhook-messages-lead',
    '010-job-results',
    '011-predictive-models',
    '012-job-leases',
    '013-webhook-messages-at',
    '014-key-prefix',
    '015-suppressions',
  ],
  postgres: [
    '001-initial',
    '002-webhooks',
    '003-score-due',
    '004-lead-routing',
    '005-lifecycle',
    '006-account-scores',
    '007-webhook-messages-lead',
    '009-job-results',
    '010-predictive-models',
    '011-job-leases',
    '012-webhook-messages-at',
    '013-lead-scores-state-json',
    '014-key-prefix',
    '015-suppressions',
  ],
};

/** When the release before applied its migrations, as its schema_migrations rows say. */
export const LEGACY_APPLIED_AT = Date.UTC(2026, 0, 1);

/** An id without its number: the names did not change when the lists merged. */
export const nameOf = (id: string): string => id.replace(/^\d+-/, '');

/** The migration an old id names, found by name (not through the aliases under test). */
export function migrationNamed(oldId: string): Migration {
  const found = migrations.filter((m) => nameOf(m.id) === nameOf(oldId));
  if (found.length !== 1) throw new Error(`no one migration is named like ${oldId}`);
  return found[0]!;
}

export interface Statement {
  sql: string;
  values?: unknown[];
}

/** One empty database, reached past any store. */
export interface RawDatabase {
  dialect: Dialect;
  /** Runs the statements in one transaction, on a connection of its own. */
  run(statements: Statement[]): Promise<void>;
  /** The rows of one SELECT. */
  query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  /** A store over this database (not migrated), closed after the test file. */
  openStore(): Store;
}

/**
 * Applies the first `count` ids of the release before, in its order, each with its record in
 * one transaction and under the schema_migrations table that release made.
 */
export async function buildLegacyDatabase(
  db: RawDatabase,
  count = LEGACY_IDS[db.dialect].length,
): Promise<void> {
  const time = db.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  await db.run([
    { sql: `CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at ${time} NOT NULL)` },
  ]);
  const placeholders = db.dialect === 'sqlite' ? '?, ?' : '$1, $2';
  for (const id of LEGACY_IDS[db.dialect].slice(0, count))
    await db.run([
      { sql: migrationNamed(id).sql[db.dialect] },
      {
        sql: `INSERT INTO schema_migrations (id, applied_at) VALUES (${placeholders})`,
        values: [id, LEGACY_APPLIED_AT],
      },
    ]);
}

const SCHEMA_QUERIES: Record<Dialect, Record<string, string>> = {
  // The DDL as SQLite keeps it (rewritten by ALTER TABLE), without the page numbers.
  sqlite: { objects: 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name' },
  postgres: {
    columns: `SELECT table_name, column_name, ordinal_position, data_type, is_nullable,
        column_default, collation_name, is_identity
      FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, ordinal_position`,
    indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' ORDER BY indexname`,
    constraints: `SELECT conrelid::regclass::text AS table_name, conname,
        pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
  },
};

/** Every table, column, index and constraint of the database. */
export async function schemaOf(db: RawDatabase): Promise<Record<string, unknown[]>> {
  const schema: Record<string, unknown[]> = {};
  for (const [part, sql] of Object.entries(SCHEMA_QUERIES[db.dialect]))
    schema[part] = await db.query(sql);
  return schema;
}

/** Every row of every table but schema_migrations, by table, in a stable order. */
export async function rowsOf(db: RawDatabase): Promise<Record<string, string[]>> {
  const tables = await db.query(
    db.dialect === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
      : `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const rows: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (name === 'schema_migrations') continue;
    const table = String(name);
    rows[table] = (await db.query(`SELECT * FROM ${table}`)).map((r) => JSON.stringify(r)).sort();
  }
  return rows;
}

/** The tables of a database but schema_migrations (and SQLite's sqlite_sequence), by name. */
async function tablesOf(db: RawDatabase): Promise<string[]> {
  const rows = await db.query(
    db.dialect === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
      : `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows
    .map((r) => String(r.name))
    .filter((name) => name !== 'schema_migrations' && name !== 'sqlite_sequence');
}

/** How many rows each table holds. */
export async function countsOf(db: RawDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesOf(db))
    counts[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
  return counts;
}

interface TargetColumn {
  name: string;
  json: boolean;
  identity: boolean;
}

async function columnsOf(db: RawDatabase, table: string): Promise<TargetColumn[]> {
  if (db.dialect === 'sqlite')
    return (await db.query(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)).map(
      (r) => ({ name: String(r.name), json: false, identity: false }),
    );
  const rows = await db.query(
    `SELECT column_name, data_type, is_identity FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => ({
    name: String(r.column_name),
    json: r.data_type === 'json' || r.data_type === 'jsonb',
    identity: r.is_identity === 'YES',
  }));
}

/**
 * Every row of `source` (a database of the current schema, filled through the store) written
 * into `target` (an empty database of an older schema, before migration 016): the integer
 * workspace key `ws` becomes the workspace's text id in workspace_id again, every other column
 * is copied as it is, and identity sequences go on after the copied keys. Answers the rows per
 * table.
 */
export async function copyIntoOlderLayout(
  source: RawDatabase,
  target: RawDatabase,
): Promise<Record<string, number>> {
  const idOf = new Map(
    (await source.query('SELECT ws, id FROM workspaces')).map((r) => [Number(r.ws), r.id]),
  );
  const pg = target.dialect === 'postgres';
  // Parents and children arrive in any order: the keys are checked at commit (SQLite) or not
  // at all while copying (PostgreSQL, as a replica applies rows).
  const statements: Statement[] = [
    { sql: pg ? 'SET LOCAL session_replication_role = replica' : 'PRAGMA defer_foreign_keys = ON' },
  ];
  for (const table of await tablesOf(target)) {
    const columns = await columnsOf(target, table);
    const names = columns.map((c) => c.name).join(', ');
    const marks = columns.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
    const insert = `INSERT INTO ${table} (${names}) ${pg ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES (${marks})`;
    for (const row of await source.query(`SELECT * FROM ${table}`))
      statements.push({
        sql: insert,
        values: columns.map((c) => {
          const value = c.name === 'workspace_id' ? idOf.get(Number(row.ws)) : row[c.name];
          return c.json && value !== null ? JSON.stringify(value) : value;
        }),
      });
    for (const c of columns.filter((c) => c.identity))
      statements.push({
        sql: `SELECT setval(pg_get_serial_sequence('${table}', '${c.name}'),
          (SELECT coalesce(max(${c.name}), 0) + 1 FROM ${table}), false)`,
      });
  }
  await target.run(statements);
  return countsOf(target);
}

const serverUrl =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Call at the top level of a test file: openers of empty databases, one per test store. */
export function emptyDatabases(): { name: Dialect; open(): Promise<RawDatabase> }[] {
  const stores: Store[] = [];
  const databases: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-legacy-'));
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    for (const name of databases)
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    rmSync(dir, { recursive: true, force: true });
  });
  const keep = (store: Store) => {
    stores.push(store);
    return store;
  };
  const sqlite = async (): Promise<RawDatabase> => {
    const file = join(dir, `${randomBytes(6).toString('hex')}.db`);
    const withDb = <T>(fn: (db: Database.Database) => T): T => {
      const db = new Database(file);
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    return {
      dialect: 'sqlite',
      run: async (statements) =>
        withDb((db) =>
          db.transaction(() => {
            for (const { sql, values } of statements)
              if (values) db.prepare(sql).run(...values);
              else db.exec(sql);
          })(),
        ),
      query: async (sql, values = []) =>
        withDb((db) => db.prepare(sql).all(...values) as Record<string, unknown>[]),
      openStore: () => keep(openSqliteStore({ file })),
    };
  };
  const postgres = async (): Promise<RawDatabase> => {
    const name = `leadscore_legacy_${randomBytes(6).toString('hex')}`;
    await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    databases.push(name);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const connectionString = url.toString();
    return {
      dialect: 'postgres',
      run: (statements) =>
        withClient(connectionString, async (client) => {
          await client.query('BEGIN');
          for (const { sql, values } of statements) await client.query(sql, values);
          await client.query('COMMIT');
        }),
      query: (sql, values = []) =>
        withClient(
          connectionString,
          async (client) => (await client.query<Record<string, unknown>>(sql, values)).rows,
        ),
      openStore: () => keep(openPostgresStore({ connectionString })),
    };
  };
  return onTestStores([
    { name: 'sqlite', open: sqlite },
    { name: 'postgres', open: postgres },
  ]);
}

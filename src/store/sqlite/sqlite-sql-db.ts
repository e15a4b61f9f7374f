// The SQLite driver of the dialect-free core: better-sqlite3 statements, each SQL text prepared
// once per connection. They run synchronously inside the store's transaction, so a bulk insert
// is one prepared statement run per row (no statement to build, nothing to parse twice).
import type Database from 'better-sqlite3';
import type { InsertMany, SqlDb, SqlParams, SqlValue } from '../sql/sql-db.js';
import { sqliteDialect } from './sqlite-dialect.js';

type Bound = Record<string, string | number | null>;
type Statement = Database.Statement<[Bound?], unknown>;

export function sqliteSqlDb(db: Database.Database): SqlDb {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<[Bound?], unknown>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: sqliteDialect,
    async all<Row>(sql: string, params?: SqlParams) {
      return prepare(sql).all(bind(params)) as Row[];
    },
    async get<Row>(sql: string, params?: SqlParams) {
      return prepare(sql).get(bind(params)) as Row | undefined;
    },
    async run(sql, params) {
      return prepare(sql).run(bind(params)).changes;
    },
    async tuples<Row extends readonly unknown[]>(sql: string, params?: SqlParams) {
      return prepare(sql).raw(true).all(bind(params)) as unknown as Row[];
    },
    async insertMany<R, Out>(insert: InsertMany<R>) {
      const fixed = Object.entries(insert.fixed ?? {});
      const names = [...fixed.map(([name]) => name), ...insert.columns.map((c) => c.name)];
      const values = [...fixed.map((_, i) => `:f${i}`), ...insert.columns.map((_, i) => `:c${i}`)];
      const statement = prepare(
        `INSERT INTO ${insert.table} (${names.join(', ')}) VALUES (${values.join(', ')})` +
          (insert.conflict ? ` ${insert.conflict}` : '') +
          (insert.returning ? ` RETURNING ${insert.returning}` : ''),
      );
      const row: Bound = {};
      fixed.forEach(([, value], i) => (row[`f${i}`] = scalar(value)));
      const out: Out[] = [];
      for (const r of insert.rows) {
        insert.columns.forEach((column, i) => {
          const value = column.value(r);
          row[`c${i}`] =
            column.type === 'json' || column.type === 'jsonb'
              ? JSON.stringify(value)
              : scalar(value as SqlValue);
        });
        if (insert.returning) {
          const written = statement.get(row);
          if (written !== undefined) out.push(written as Out);
        } else statement.run(row);
      }
      return out;
    },
  };
}

const NONE: Bound = {};

function bind(params: SqlParams | undefined): Bound {
  if (params === undefined) return NONE;
  let bound: Bound | undefined;
  for (const key in params) {
    const value = params[key];
    if (typeof value === 'boolean' || Array.isArray(value)) {
      bound ??= { ...(params as Bound) };
      bound[key] = Array.isArray(value) ? JSON.stringify(value) : value ? 1 : 0;
    }
  }
  return bound ?? (params as Bound);
}

const scalar = (value: SqlValue): string | number | null =>
  typeof value === 'boolean' ? (value ? 1 : 0) : value;

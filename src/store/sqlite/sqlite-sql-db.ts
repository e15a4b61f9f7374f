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
  const raw = new Map<string, Statement>();
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
      // Raw mode stays set on a statement: a statement of its own, apart from all() and get().
      let statement = raw.get(sql);
      if (!statement) {
        statement = db.prepare<[Bound?], unknown>(sql).raw(true);
        raw.set(sql, statement);
      }
      return statement.all(bind(params)) as unknown as Row[];
    },
    async insertMany<R, Out>(insert: InsertMany<R>) {
      if (insert.rows.length === 0) return [];
      const fixed = Object.entries(insert.fixed ?? {});
      const { columns } = insert;
      const names = [...fixed.map(([name]) => name), ...columns.map((c) => c.name)];
      // Positional parameters, bound from one array reused for every row: no object per row,
      // and no parameter name to look up per value.
      const statement = prepare(
        `INSERT INTO ${insert.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})` +
          (insert.conflict ? ` ${insert.conflict}` : '') +
          (insert.returning ? ` RETURNING ${insert.returning}` : ''),
      ) as unknown as Database.Statement<unknown[], unknown>;
      const values: (string | number | null)[] = fixed.map(([, value]) => scalar(value));
      const first = values.length;
      const json = columns.map((c) => c.type === 'json' || c.type === 'jsonb');
      const out: Out[] = [];
      for (const r of insert.rows) {
        for (let i = 0; i < columns.length; i++) {
          const value = columns[i]!.value(r);
          values[first + i] = json[i] ? jsonText(value) : scalar(value as SqlValue);
        }
        if (insert.returning) {
          const written = statement.get(values);
          if (written !== undefined) out.push(written as Out);
        } else statement.run(values);
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

/** A JSON column's text; null (or nothing) is SQL NULL, as PostgreSQL reads it from the rows. */
const jsonText = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

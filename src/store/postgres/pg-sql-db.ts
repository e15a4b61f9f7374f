// The PostgreSQL driver of the dialect-free core: statements on the transaction's client, named
// parameters made positional once per SQL text, bulk inserts as one statement reading the rows
// from a single JSON document (PostgreSQL parses it once, with no per-value escaping).
import type pg from 'pg';
import type { InsertMany, SqlDb, SqlParams } from '../sql/sql-db.js';
import { positional } from './named-params.js';
import { PG_TYPES, pgDialect } from './pg-dialect.js';

/** Rows per bulk statement: the JSON document stays a few megabytes. */
const CHUNK = 2000;

export function pgSqlDb(client: pg.ClientBase): SqlDb {
  const query = async <Row>(sql: string, params: SqlParams | undefined, rowMode?: 'array') => {
    const { text, names } = positional(sql);
    const values = names.map((name) => {
      const value = params?.[name];
      if (value === undefined) throw new Error(`no value for parameter :${name}`);
      return value;
    });
    const config: pg.QueryConfig = { text, values };
    return (rowMode ? client.query({ ...config, rowMode }) : client.query(config)) as Promise<
      pg.QueryResult<Row & pg.QueryResultRow>
    >;
  };
  return {
    dialect: pgDialect,
    async all<Row>(sql: string, params?: SqlParams) {
      return (await query<Row>(sql, params)).rows as Row[];
    },
    async get<Row>(sql: string, params?: SqlParams) {
      return (await query<Row>(sql, params)).rows[0] as Row | undefined;
    },
    async run(sql, params) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async tuples<Row extends readonly unknown[]>(sql: string, params?: SqlParams) {
      return (await query(sql, params, 'array')).rows as unknown as Row[];
    },
    async insertMany<R, Out>(insert: InsertMany<R>) {
      if (insert.rows.length === 0) return [];
      const fixed = Object.entries(insert.fixed ?? {});
      const columns = insert.columns.map((c) => c.name);
      const sql =
        `INSERT INTO ${insert.table} (${[...fixed.map(([name]) => name), ...columns].join(', ')})
        SELECT ${[...fixed.map(([, value], i) => `CAST(:f${i} AS ${castOf(value)})`), ...columns].join(', ')}
        FROM ROWS FROM (json_to_recordset(CAST(:rows AS json))
          AS (${insert.columns.map((c) => `${c.name} ${PG_TYPES[c.type]}`).join(', ')}))
          WITH ORDINALITY AS t(${columns.join(', ')}, ord)
        ORDER BY ord` +
        (insert.conflict ? ` ${insert.conflict}` : '') +
        (insert.returning ? ` RETURNING ${insert.returning}` : '');
      const params: Record<string, unknown> = {};
      fixed.forEach(([, value], i) => (params[`f${i}`] = value));
      const out: Out[] = [];
      for (let start = 0; start < insert.rows.length; start += CHUNK) {
        const chunk = insert.rows.slice(start, start + CHUNK).map((r) => {
          const row: Record<string, unknown> = {};
          for (const column of insert.columns) row[column.name] = column.value(r);
          return row;
        });
        params.rows = JSON.stringify(chunk);
        const { rows } = await query<Out>(sql, params as SqlParams);
        out.push(...(rows as Out[]));
      }
      return out;
    },
  };
}

/** The type of a value the same in every row: its column's type may be text, int4 or int8. */
const castOf = (value: unknown) =>
  typeof value === 'number' ? 'int8' : typeof value === 'boolean' ? 'bool' : 'text';

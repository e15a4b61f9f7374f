// PostgreSQL's spelling of what the dialect-free statements leave open (src/store/sql/dialect.ts).
import { plainJsonKey, type Dialect } from '../sql/dialect.js';
import type { ColumnType } from '../sql/sql-db.js';
import { readJsonObject } from '../stored-json.js';
import type { JsonObject } from '../records.js';

/** The array type of a list parameter. */
export const PG_TYPES: Record<ColumnType, string> = {
  text: 'text',
  int: 'int4',
  bigint: 'int8',
  float: 'float8',
  bool: 'bool',
  json: 'json',
  jsonb: 'jsonb',
};

export const pgDialect: Dialect = {
  name: 'postgres',
  inList: (param, type = 'text') => `= ANY(CAST(:${param} AS ${PG_TYPES[type]}[]))`,
  listTable: (param, type = 'text') =>
    `(SELECT unnest(CAST(:${param} AS ${PG_TYPES[type]}[])) AS value)`,
  readJson: (value) => value,
  readObject: (value, where) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : readJsonObject(JSON.stringify(value ?? null), where),
  jsonParam: (param) => `CAST(:${param} AS jsonb)`,
  jsonText: (column, keyParam) => `(${column} ->> CAST(:${keyParam} AS text))`,
  skipLocked: 'FOR UPDATE SKIP LOCKED',

  // Routing, dashboard and reports (accounts, lifecycle, routing, dashboard, reports modules).
  jsonArrayAppendNew: (current, added) => `${current} || (
      SELECT coalesce(jsonb_agg(t ORDER BY o), '[]'::jsonb)
      FROM jsonb_array_elements(${added}) WITH ORDINALITY AS a(t, o)
      WHERE NOT ${current} @> jsonb_build_array(t))`,
  jsonArrayAgg: (expr, orderBy) => `json_agg(${expr} ORDER BY ${orderBy})`,
  // In the byte order ("C") of the store's text columns.
  jsonField: (column, field) => `((${column} ->> '${plainName(field)}') COLLATE "C")`,
  unindexed: (column) => column,
  forUpdate: 'FOR UPDATE',
  // Webhooks, jobs and predictive models: advisory locks on a hash of each key, taken in order.
  lockKeys: (param) =>
    `SELECT pg_advisory_xact_lock(k) FROM
       (SELECT hashtextextended(key, 0) AS k
        FROM unnest(CAST(:${param} AS text[])) WITH ORDINALITY AS t(key, n) ORDER BY n) s`,
  jsonRows: (param, columns) =>
    `(SELECT * FROM json_to_recordset(CAST(:${param} AS json))
      AS r(${columns.map(([name, type]) => `${name} ${PG_TYPES[type]}`).join(', ')}))`,
  // Events, scores, leads and the lead list.
  jsonValue: (column, keyParam) => `(${column} -> CAST(:${keyParam} AS text))`,
  beyondAscii: (column) => `(${column} ~ '[^ -~]')`,
  jsonKeyText: (column, key) => `(${column} ->> '${plainJsonKey(key)}')`,
  likeCaseless: (expr, param) => `(${expr} ILIKE :${param} ESCAPE '\\')`,
};

/** A JSON key written into SQL text: letters, digits and underscores only. */
function plainName(field: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`not a plain JSON key: ${field}`);
  return field;
}

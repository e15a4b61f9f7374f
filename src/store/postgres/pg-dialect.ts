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

  // Events, scores, leads and the lead list.
  jsonValue: (column, keyParam) => `(${column} -> CAST(:${keyParam} AS text))`,
  beyondAscii: (column) => `(${column} ~ '[^ -~]')`,
  jsonKeyText: (column, key) => `(${column} ->> '${plainJsonKey(key)}')`,
  likeCaseless: (expr, param) => `(${expr} ILIKE :${param} ESCAPE '\\')`,
};

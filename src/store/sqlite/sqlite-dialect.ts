// SQLite's spelling of what the dialect-free statements leave open (src/store/sql/dialect.ts).
import { plainJsonKey, type Dialect } from '../sql/dialect.js';
import { readJsonObject } from '../stored-json.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  // List parameters arrive as one JSON text: one prepared statement whatever their length.
  inList: (param) => `IN (SELECT value FROM json_each(:${param}))`,
  listTable: (param) => `(SELECT value FROM json_each(:${param}))`,
  readJson: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  readObject: (value, where) =>
    typeof value === 'string' ? readJsonObject(value, where) : readJsonObject('null', where),
  jsonParam: (param) => `:${param}`,
  jsonText: (column, keyParam) => `(${column} ->> ('$.' || json_quote(:${keyParam})))`,
  // Transactions take the whole database in turn: nothing to skip.
  skipLocked: '',

  // Routing, dashboard and reports (accounts, lifecycle, routing, dashboard, reports modules).
  jsonArrayAppendNew: (current, added) => `(SELECT json_group_array(value ORDER BY part, key) FROM (
      SELECT 0 AS part, key, value FROM json_each(${current})
      UNION ALL
      SELECT 1, key, value FROM json_each(${added})
      WHERE value NOT IN (SELECT value FROM json_each(${current}))))`,
  jsonArrayAgg: (expr, orderBy) => `json_group_array(${expr} ORDER BY ${orderBy})`,
  jsonField: (column, field) => `json_extract(${column}, '$.${plainName(field)}')`,
  unindexed: (column) => `+${column}`,
  // Transactions take the whole database in turn: nothing to lock.
  forUpdate: '',
  // Webhooks, jobs and predictive models: transactions run one at a time, nothing to lock.
  lockKeys: null,
  jsonRows: (param, columns) =>
    `(SELECT ${columns.map(([name]) => `value ->> '$.${name}' AS ${name}`).join(', ')}
      FROM json_each(:${param}))`,
  // Events, scores, leads and the lead list.
  // `->` hands over one key's JSON text without the whole payload; json_quote makes any key a
  // valid path, and SQLite evaluates it once per statement.
  jsonValue: (column, keyParam) => `(${column} -> ('$.' || json_quote(:${keyParam})))`,
  beyondAscii: (column) => `(${column} GLOB '*[^ -~]*')`,
  // json_extract fails the whole statement on a value it cannot read (nested deeper than
  // SQLite's 1,000 levels, or malformed, as older releases could store): json_valid guards it.
  jsonKeyText: (column, key) =>
    `(CASE WHEN json_valid(${column}) THEN json_extract(${column}, '$.${plainJsonKey(key)}') END)`,
  // lower() folds ASCII only, as the pattern was folded for it.
  likeCaseless: (expr, param) => `(lower(${expr}) LIKE :${param} ESCAPE '\\')`,
};

/** A JSON key written into SQL text: letters, digits and underscores only. */
function plainName(field: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`not a plain JSON key: ${field}`);
  return field;
}

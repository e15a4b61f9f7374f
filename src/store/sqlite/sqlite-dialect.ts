// SQLite's spelling of what the dialect-free statements leave open (src/store/sql/dialect.ts).
import type { Dialect } from '../sql/dialect.js';
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
  // Webhooks, jobs and predictive models: transactions run one at a time, nothing to lock.
  lockKeys: null,
  forUpdate: '',
  jsonRows: (param, columns) =>
    `(SELECT ${columns.map(([name]) => `value ->> '$.${name}' AS ${name}`).join(', ')}
      FROM json_each(:${param}))`,
};

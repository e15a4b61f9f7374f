// The SQLite connection helpers every method module uses: cached prepared statements, JSON.
import type Database from 'better-sqlite3';
import type { JsonObject } from '../records.js';
import { readJsonObject } from '../stored-json.js';

export type Db = Database.Database;
export type Params = Record<string, string | number | null>;

/** Prepares each SQL text once per connection. */
export function statements(db: Db): <Row>(sql: string) => Database.Statement<[Params?], Row> {
  const cache = new Map<string, Database.Statement<[Params?], unknown>>();
  return <Row>(sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<[Params?], unknown>(sql);
      cache.set(sql, statement);
    }
    return statement as Database.Statement<[Params?], Row>;
  };
}

export type Sql = ReturnType<typeof statements>;

/** A stored JSON object; `where` names the row if it cannot be read (see ../stored-json.ts). */
export function parseObject(text: string, where = 'a stored JSON object'): JsonObject {
  return readJsonObject(text, where);
}

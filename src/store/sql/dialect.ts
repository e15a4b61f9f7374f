// What SQLite and PostgreSQL spell differently, and nothing else: the dialect-free statements in
// this folder take these fragments and decoders instead of branching on the database.
import type { JsonObject } from '../records.js';

/** How a value travels (list parameters, bulk inserts): PostgreSQL's type for it. */
export type ColumnType = 'text' | 'int' | 'bigint' | 'float' | 'bool' | 'json' | 'jsonb';

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * Membership of an expression in the list parameter `:param`, written after the expression:
   * `lead_id ${d.inList('ids')}`.
   */
  inList(param: string, type?: ColumnType): string;
  /** The list parameter `:param` as a table of one column named `value`. */
  listTable(param: string, type?: ColumnType): string;
  /** A JSON column's value as read (SQLite keeps text, PostgreSQL hands it parsed). */
  readJson(value: unknown): unknown;
  /**
   * A stored JSON object as read; one that cannot be read is {} with a warning naming `where`
   * (src/store/stored-json.ts), so one bad row never fails a list.
   */
  readObject(value: unknown, where: string): JsonObject;
  /** A JSON parameter where no column type tells the database what it is (`:param`). */
  jsonParam(param: string): string;
  /** The text of key `:keyParam` of JSON column `column` (NULL when missing). */
  jsonText(column: string, keyParam: string): string;
  /** Appended to a `SELECT ... FOR UPDATE`-able read: skip rows other transactions hold. */
  readonly skipLocked: string;

  // Events, scores, leads and the lead list (src/store/sql/events.ts, leads.ts, lead-list.ts).
  /**
   * Key `:keyParam` of JSON column `column` as JSON, NULL when missing; decode it with readJson
   * (SQLite hands the key's JSON text, PostgreSQL a json value its driver parses).
   */
  jsonValue(column: string, keyParam: string): string;
  /** True when text `column` holds a character past printable ASCII (space to tilde). */
  beyondAscii(column: string): string;
  /**
   * The text of top-level key `key` (a plain name, written into the SQL) of JSON object column
   * `column`: NULL when missing, and when the stored JSON cannot be read (the statement answers).
   */
  jsonKeyText(column: string, key: string): string;
  /** Text `expr` contains LIKE pattern `:param` (lower case, `\` escapes), ignoring case. */
  likeCaseless(expr: string, param: string): string;
}

/** A JSON key written into SQL text (Dialect.jsonKeyText): a plain name only. */
export function plainJsonKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a plain JSON key: ${key}`);
  return key;
}

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

  // Routing, dashboard and reports (accounts, lifecycle, routing, dashboard, reports modules).
  /**
   * The JSON array `current` followed by the elements of the JSON array `added` it does not hold
   * yet, in their order (a lead's tags: a union that keeps the order tags were first added).
   */
  jsonArrayAppendNew(current: string, added: string): string;
  /**
   * An aggregate: the values of `expr` as one JSON array in `orderBy` order. Over no rows it is
   * NULL or [] depending on the database: read it as [] when null.
   */
  jsonArrayAgg(expr: string, orderBy: string): string;
  /**
   * The text of the top-level key `field` (a plain name, written into the SQL) of the JSON
   * column `column`, NULL when missing; it compares with the text columns as they compare.
   */
  jsonField(column: string, field: string): string;
  /**
   * `column` as an operand the planner uses no index for: where walking another index in order
   * and stopping early beats seeking this one (SQLite's unary plus; PostgreSQL plans by cost).
   */
  unindexed(column: string): string;
  /** Appended to a SELECT: lock its rows until the transaction ends (no-op where writes queue). */
  readonly forUpdate: string;
  // Webhooks, jobs and predictive models (locks, row lists):
  /**
   * A statement taking transaction-scoped locks on the text keys of list parameter `:param`, in
   * list order (sort the keys: two transactions wanting the same ones then queue instead of
   * deadlocking); null where transactions already run one at a time.
   */
  readonly lockKeys: ((param: string) => string) | null;
  /**
   * The JSON array of objects in text parameter `:param` as a table with these columns, for
   * set-based reads of rows with several columns: `FROM ${d.jsonRows('lanes', cols)} AS l`.
   */
  jsonRows(param: string, columns: readonly (readonly [name: string, type: ColumnType])[]): string;
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

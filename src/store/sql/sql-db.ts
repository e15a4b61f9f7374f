// The dialect-free core's view of one connection inside a transaction. Statements are written
// once for both databases with named parameters (`:name`); what SQLite and PostgreSQL spell
// differently comes from the Dialect beside them (./dialect.ts), and the drivers
// (src/store/sqlite/sqlite-sql-db.ts, src/store/postgres/pg-sql-db.ts) run them.
import type { ColumnType, Dialect } from './dialect.js';

export type { ColumnType } from './dialect.js';

export type SqlValue = string | number | boolean | null;

/**
 * Named parameters. An array is a list parameter, used through `dialect.inList` (SQLite receives
 * it as one JSON text, PostgreSQL as an array); a boolean is stored as 0/1 by SQLite.
 */
export type SqlParams = Readonly<Record<string, SqlValue | readonly SqlValue[]>>;

export interface Column<R> {
  name: string;
  type: ColumnType;
  /** The value for a row; for json/jsonb columns the object itself (the driver encodes it). */
  value: (row: R) => unknown;
}

/** Many rows in one statement (PostgreSQL) or one prepared statement run per row (SQLite). */
export interface InsertMany<R> {
  table: string;
  /** Columns with the same value in every row, e.g. `{ ws }`. */
  fixed?: Readonly<Record<string, SqlValue>>;
  columns: readonly Column<R>[];
  rows: readonly R[];
  /**
   * `ON CONFLICT ...` clause, if any. With DO UPDATE the rows must be unique on the conflict
   * target (PostgreSQL cannot update a row twice in one statement).
   */
  conflict?: string;
  /** Column list of a RETURNING clause: the rows written (match them to the input by key). */
  returning?: string;
  /** PostgreSQL: rows per statement (default 2000), so that each stays a few megabytes. */
  chunk?: number;
}

export interface SqlDb {
  readonly dialect: Dialect;
  all<Row>(sql: string, params?: SqlParams): Promise<Row[]>;
  get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined>;
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, params?: SqlParams): Promise<number>;
  /** Rows as arrays in select-list order: no object per row, for reads of many rows. */
  tuples<Row extends readonly unknown[]>(sql: string, params?: SqlParams): Promise<Row[]>;
  insertMany<R, Out = never>(insert: InsertMany<R>): Promise<Out[]>;
}

/** The first row, which the statement guarantees (RETURNING of an insert, count(*)). */
export function one<Row>(row: Row | undefined): Row {
  if (row === undefined) throw new Error('expected a row');
  return row;
}

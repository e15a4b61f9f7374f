// PostgreSQL connection helpers: the query function every method module uses, and pool types.
import pg from 'pg';

/** A client inside a transaction: the methods only ever run queries on it. */
export type Query = <Row extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values?: readonly unknown[],
) => Promise<pg.QueryResult<Row>>;

export function queryOn(client: pg.ClientBase): Query {
  return (text, values) => client.query(text, values === undefined ? undefined : [...values]);
}

const INT8 = 20;

/**
 * bigint (epoch ms, seq, count) as JS numbers instead of strings: every value the store keeps
 * fits in 2^53. Set per pool, so other pg users in the process keep the default.
 */
export const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** The first row, which the statement guarantees (RETURNING of an insert, count(*)). */
export function one<Row extends pg.QueryResultRow>(result: pg.QueryResult<Row>): Row {
  const row = result.rows[0];
  if (!row) throw new Error('expected a row');
  return row;
}

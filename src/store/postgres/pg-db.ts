// PostgreSQL pool types: how bigint values are read.
import pg from 'pg';

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

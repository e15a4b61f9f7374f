// Every store method written once for both dialects, on one connection inside a transaction.
import type { SqlDb } from './sql-db.js';
import { suppressionMethods } from './suppressions.js';
import { accountMethods } from './accounts.js';

export function sqlTxMethods(db: SqlDb) {
  return {
    ...suppressionMethods(db),
    ...accountMethods(db),
  };
}

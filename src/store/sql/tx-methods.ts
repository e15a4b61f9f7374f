// Every store method written once for both dialects, on one connection inside a transaction.
import type { SqlDb } from './sql-db.js';
import { suppressionMethods } from './suppressions.js';
import { accountMethods } from './accounts.js';
import { accountScoreMethods } from './account-scores.js';
import { lifecycleMethods } from './lifecycle.js';
import { routingMethods } from './routing.js';
import { dashboardMethods } from './dashboard.js';
import { reportMethods } from './reports.js';
import { segmentReachMethods } from './segment-reach.js';

export function sqlTxMethods(db: SqlDb) {
  return {
    ...suppressionMethods(db),
    ...accountMethods(db),
    ...accountScoreMethods(db),
    ...lifecycleMethods(db),
    ...routingMethods(db),
    ...dashboardMethods(db),
    ...reportMethods(db),
    ...segmentReachMethods(db),
  };
}

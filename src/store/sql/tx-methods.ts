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
import { jobLeaseMethods } from './job-leases.js';
import { jobResultMethods } from './job-results.js';
import { modelJobMethods } from './models-jobs.js';
import { predictiveMethods } from './predictive.js';
import { deliveryMethods } from './webhook-deliveries.js';
import { retentionMethods } from './webhook-retention.js';
import { webhookMethods } from './webhooks.js';

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
    ...modelJobMethods(db),
    ...jobResultMethods(db),
    ...jobLeaseMethods(db),
    ...predictiveMethods(db),
    ...webhookMethods(db),
    ...deliveryMethods(db),
    ...retentionMethods(db),
  };
}

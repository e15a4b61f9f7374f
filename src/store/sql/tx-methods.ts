// Every store method written once for both dialects, on one connection inside a transaction.
import type { StoreTx } from '../port.js';
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
import { eventMethods } from './events.js';
import { scoreMethods } from './scores.js';
import { leadMethods } from './leads.js';
import { leadListMethods } from './lead-list.js';
import { leadLockMethods } from './lead-locks.js';

export function sqlTxMethods(db: SqlDb): StoreTx {
  return merge(
    suppressionMethods(db),
    accountMethods(db),
    accountScoreMethods(db),
    lifecycleMethods(db),
    routingMethods(db),
    dashboardMethods(db),
    reportMethods(db),
    segmentReachMethods(db),
    modelJobMethods(db),
    jobResultMethods(db),
    jobLeaseMethods(db),
    predictiveMethods(db),
    webhookMethods(db),
    deliveryMethods(db),
    retentionMethods(db),
    eventMethods(db),
    scoreMethods(db),
    leadMethods(db),
    leadListMethods(db),
    leadLockMethods(db),
  );
}

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/**
 * `{ ...a, ...b, ... }` of method sets. PostgreSQL builds them for every transaction, and Node
 * 20 spreads objects of many methods some 20 times slower than Object.assign copies them (about
 * 0.1 ms a transaction for these).
 */
function merge<T extends object[]>(...parts: T): Intersection<T[number]> {
  return Object.assign({}, ...parts) as Intersection<T[number]>;
}

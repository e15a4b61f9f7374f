// Every store method written once for both dialects, on one connection inside a transaction.
import type { StoreTx } from '../port.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';
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
import { importRejectMethods } from './import-rejects.js';
import { modelJobMethods } from './models-jobs.js';
import { modelHistoryMethods } from './model-history.js';
import { predictiveMethods } from './predictive.js';
import { retrainingMethods } from './retraining.js';
import { deliveryMethods } from './webhook-deliveries.js';
import { retentionMethods } from './webhook-retention.js';
import { webhookMethods } from './webhooks.js';
import { eventMethods } from './events.js';
import { scoreMethods } from './scores.js';
import { leadMethods } from './leads.js';
import { leadListMethods } from './lead-list.js';
import { leadLockMethods } from './lead-locks.js';
import { importMethods } from './imports.js';
import { userMethods } from './users.js';
import { membershipMethods } from './memberships.js';
import { sessionMethods } from './sessions.js';
import { signInMethods } from './sign-in.js';
import { auditMethods } from './audit.js';
import { channelMethods } from './channels.js';
import { digestContentMethods } from './digest-content.js';
import { channelSyncMethods } from './channel-sync.js';
import { catalogMethods } from './catalog.js';
import { adjustmentMethods } from './adjustments.js';

export function sqlTxMethods(db: SqlDb, wsKeys: WorkspaceKeys): StoreTx {
  return merge(
    suppressionMethods(db, wsKeys),
    accountMethods(db, wsKeys),
    accountScoreMethods(db, wsKeys),
    lifecycleMethods(db, wsKeys),
    routingMethods(db, wsKeys),
    dashboardMethods(db, wsKeys),
    reportMethods(db, wsKeys),
    segmentReachMethods(db, wsKeys),
    modelJobMethods(db, wsKeys),
    modelHistoryMethods(db, wsKeys),
    jobResultMethods(db, wsKeys),
    importRejectMethods(db, wsKeys),
    jobLeaseMethods(db, wsKeys),
    predictiveMethods(db, wsKeys),
    retrainingMethods(db, wsKeys),
    webhookMethods(db, wsKeys),
    channelMethods(db, wsKeys),
    digestContentMethods(db, wsKeys),
    channelSyncMethods(db, wsKeys),
    catalogMethods(db, wsKeys),
    adjustmentMethods(db, wsKeys),
    deliveryMethods(db, wsKeys),
    retentionMethods(db),
    eventMethods(db, wsKeys),
    scoreMethods(db, wsKeys),
    leadMethods(db, wsKeys),
    leadListMethods(db, wsKeys),
    leadLockMethods(db),
    importMethods(db, wsKeys),
    userMethods(db),
    membershipMethods(db, wsKeys),
    sessionMethods(db),
    signInMethods(db),
    auditMethods(db, wsKeys),
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

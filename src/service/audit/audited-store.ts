// A Store that writes the current request's audit entry (audit-scope.ts) in the same transaction
// as the change it records: at the end of the first transaction of the request that writes, after
// its work and before it commits. A transaction that rolls back leaves the entry owed. Outside an
// audited request every call goes straight to the store.
import { transactionPerCall } from '../../store/store-methods.js';
import type { Store, StoreTx } from '../../store/port.js';
import { currentAuditScope, type AuditScope } from './audit-scope.js';

/** The methods that only read (a lock is no change): a transaction calling only these owes nothing. */
export const READS: ReadonlySet<keyof StoreTx> = new Set<keyof StoreTx>([
  'getWorkspace',
  'listWorkspaces',
  'findApiKeyByHash',
  'listApiKeys',
  'lockLeads',
  'getLead',
  'getCompany',
  'resolveIdentity',
  'eventsOfLead',
  'eventsOfLeadsPage',
  'streamEventsByLead',
  'scoringEventsPage',
  'countEvents',
  'getScore',
  'getScores',
  'listDueLeads',
  'listHistory',
  'getModel',
  'listModels',
  'activeModel',
  'activeModelVersion',
  'getJob',
  'listJobs',
  'listLeads',
  'listLeadIds',
  'getLeads',
  'getCompanies',
  'storedMessageIds',
  'listImportPending',
  'getLeadRouting',
  'getLeadRoutings',
  'getLifecycles',
  'listLifecycleEntries',
  'listHandoverEntries',
  'leadsOfCompany',
  'companiesOfLeads',
  'getAccountScore',
  'listAccountScores',
  'getWebhook',
  'listWebhooks',
  'listWebhookDeliveries',
  'getChannel',
  'listChannels',
  'getDigestSettings',
  'listDigestSettings',
  'listOwnedHandOvers',
  'listOwnedScoreEntries',
  'listOwnedAwaiting',
  'getChannelSyncStates',
  'catalogLeadsPage',
  'catalogCompaniesPage',
  'catalogEventsPage',
  'getCatalog',
  'listAdjustments',
  'adjustmentsOfLeads',
  'listModelActivations',
  'getModelWhatIf',
  'getWebhookDelivery',
  'leadExtras',
  'listLeadEvents',
  'scoreDistribution',
  'funnelCounts',
  'listTransitions',
  'getJobResult',
  'listImportRejects',
  'jobLeaseOwner',
  'listPredictiveModels',
  'getPredictiveModel',
  'activePredictiveModel',
  'getRetrainingSchedule',
  'listRetrainingRuns',
  'dueRetraining',
  'firstReached',
  'suppressedAmong',
  'listSuppressions',
  'getUser',
  'findUserByEmail',
  'membership',
  'membershipsOf',
  'listMembers',
  'countActiveOwners',
  'countUsers',
  'findSession',
  'findIdentity',
  'loginFailures',
  'listAudit',
]);

/** Runs fn on `tx`, then appends the scope's entry there when fn wrote (`held` says it did). */
async function runAudited<T>(
  scope: AuditScope,
  tx: StoreTx,
  fn: (tx: StoreTx) => Promise<T>,
  held: { entry: boolean },
): Promise<T> {
  let wrote = false;
  const watched = new Proxy(tx, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      if (!READS.has(name as keyof StoreTx)) wrote = true;
      return value;
    },
  });
  const result = await fn(watched);
  const entry = wrote ? scope.claim() : undefined;
  if (entry) {
    held.entry = true;
    await tx.appendAudit(scope.ws, entry);
  }
  return result;
}

export function auditedStore(store: Store): Store {
  const transaction: Store['transaction'] = async (fn) => {
    const scope = currentAuditScope();
    if (!scope?.pending) return store.transaction(fn);
    const held = { entry: false };
    try {
      const done = await store.transaction((tx) => runAudited(scope, tx, fn, held));
      if (held.entry) scope.settle(true);
      return done;
    } catch (error) {
      if (held.entry) scope.settle(false);
      throw error;
    }
  };
  const audited = transactionPerCall(transaction);
  const direct = store as StoreTx;
  // Each data method: straight to the store unless a request owes an entry.
  const methods = Object.fromEntries(
    Object.keys(audited).map((name) => {
      const key = name as keyof StoreTx;
      const viaAudit = audited[key] as (...args: unknown[]) => unknown;
      const viaStore = direct[key] as (...args: unknown[]) => unknown;
      if (READS.has(key)) return [name, (...args: unknown[]) => viaStore.apply(store, args)];
      return [
        name,
        (...args: unknown[]) =>
          currentAuditScope()?.pending ? viaAudit(...args) : viaStore.apply(store, args),
      ];
    }),
  ) as unknown as StoreTx;
  return {
    ...methods,
    kind: store.kind,
    migrate: () => store.migrate(),
    transaction,
    analyze: () => store.analyze(),
    close: () => store.close(),
  };
}

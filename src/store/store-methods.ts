// Shared adapter plumbing: one-transaction-per-call wrappers, nesting guard, event paging.
import { AsyncLocalStorage } from 'node:async_hooks';
import { StoreError } from './errors.js';
import type { EventPage, EventPosition, Store, StoreTx } from './port.js';
import type { StoredEvent } from './records.js';

type TxMethodName = Exclude<keyof StoreTx, 'streamEventsByLead'>;

/** Every StoreTx method that answers a promise: the Record type makes the list complete. */
const TX_METHODS: Record<TxMethodName, true> = {
  createWorkspace: true,
  getWorkspace: true,
  listWorkspaces: true,
  addApiKey: true,
  findApiKeyByHash: true,
  listApiKeys: true,
  revokeApiKey: true,
  lockLeads: true,
  getLead: true,
  ensureLeads: true,
  upsertLead: true,
  setLeadCompany: true,
  deleteLead: true,
  getCompany: true,
  upsertCompany: true,
  linkIdentity: true,
  resolveIdentity: true,
  assignAnonymousEvents: true,
  insertEvent: true,
  insertEvents: true,
  eventsOfLead: true,
  eventsOfLeadsPage: true,
  scoringEventsPage: true,
  countEvents: true,
  getScore: true,
  getScores: true,
  putScore: true,
  putScores: true,
  appendHistory: true,
  appendHistories: true,
  listDueLeads: true,
  listHistory: true,
  addModel: true,
  getModel: true,
  listModels: true,
  activateModel: true,
  activeModel: true,
  activeModelVersion: true,
  createJob: true,
  updateJob: true,
  getJob: true,
  listJobs: true,
  listLeads: true,
  listLeadIds: true,
  enqueueNotifications: true,
  getLeads: true,
  getCompanies: true,
  storedMessageIds: true,
  putLeads: true,
  putCompanies: true,
  markImportPending: true,
  listImportPending: true,
  clearImportPending: true,
  getLeadRouting: true,
  setLeadOwner: true,
  addLeadTags: true,
  claimOnce: true,
  nextRoundRobin: true,
  getLeadRoutings: true,
  setLeadOwners: true,
  addLeadTagsMany: true,
  claimOnceMany: true,
  nextRoundRobins: true,
  getLifecycles: true,
  putLifecycles: true,
  appendLifecycleEntries: true,
  listLifecycleEntries: true,
  listHandoverEntries: true,
  leadsOfCompany: true,
  companiesOfLeads: true,
  putAccountScores: true,
  getAccountScore: true,
  listAccountScores: true,
  createWebhook: true,
  getWebhook: true,
  listWebhooks: true,
  updateWebhook: true,
  deleteWebhook: true,
  listWebhookDeliveries: true,
  getWebhookDelivery: true,
  redeliverWebhookDelivery: true,
  redeliverFailedWebhookDeliveries: true,
  claimWebhookDeliveries: true,
  recordWebhookAttempt: true,
  pruneWebhookMessages: true,
  leadExtras: true,
  listLeadEvents: true,
  scoreDistribution: true,
  funnelCounts: true,
  listTransitions: true,
  revokeApiKeyKeepingAdmin: true,
  putJobResult: true,
  catalogLeadsPage: true,
  catalogCompaniesPage: true,
  catalogEventsPage: true,
  putCatalog: true,
  getCatalog: true,
  getJobResult: true,
  addImportRejects: true,
  listImportRejects: true,
  deleteImportRejects: true,
  leaseJob: true,
  releaseJob: true,
  jobLeaseOwner: true,
  addPredictiveModel: true,
  listPredictiveModels: true,
  getPredictiveModel: true,
  activatePredictiveModel: true,
  activePredictiveModel: true,
  getRetrainingSchedule: true,
  putRetrainingSchedule: true,
  dueRetraining: true,
  claimRetraining: true,
  addRetrainingRun: true,
  listRetrainingRuns: true,
  createChannel: true,
  getChannel: true,
  listChannels: true,
  updateChannel: true,
  deleteChannel: true,
  getDigestSettings: true,
  putDigestSettings: true,
  listDigestSettings: true,
  claimDigestSend: true,
  listOwnedHandOvers: true,
  listOwnedScoreEntries: true,
  listOwnedAwaiting: true,
  claimChannelDeliveries: true,
  getChannelSyncStates: true,
  putChannelSyncStates: true,
  clearChannelSyncStates: true,
  firstReached: true,
  suppressLead: true,
  suppressedAmong: true,
  countRefusals: true,
  listSuppressions: true,
  liftSuppression: true,
  addAdjustment: true,
  listAdjustments: true,
  adjustmentsOfLeads: true,
  deleteAdjustment: true,
  deleteExpiredAdjustments: true,
  listModelActivations: true,
  putModelWhatIf: true,
  getModelWhatIf: true,
  createUser: true,
  getUser: true,
  findUserByEmail: true,
  updateUser: true,
  deleteUser: true,
  setMembership: true,
  removeMembership: true,
  membership: true,
  membershipsOf: true,
  listMembers: true,
  countActiveOwners: true,
  countUsers: true,
  createSession: true,
  findSession: true,
  touchSession: true,
  deleteSession: true,
  deleteSessionsOfUser: true,
  deleteExpiredSessions: true,
  addSignInLink: true,
  useSignInLink: true,
  findIdentity: true,
  addIdentity: true,
  recordLoginFailures: true,
  loginFailures: true,
  clearLoginFailures: true,
  appendAudit: true,
  listAudit: true,
  deleteAuditBefore: true,
};

/**
 * Refuses a store call made inside one of its own transactions: on SQLite it would wait for the
 * transaction forever, on PostgreSQL it would silently run outside it. Work started inside a
 * transaction that runs after it ended (a timer, a queued job) is not refused.
 */
export function refuseNested(transaction: Store['transaction']): Store['transaction'] {
  const scope = new AsyncLocalStorage<{ open: boolean }>();
  return (fn) => {
    if (scope.getStore()?.open) {
      const message = 'the store was called inside its own transaction: use the tx argument';
      return Promise.reject(new StoreError('invalid', message));
    }
    const marker = { open: true };
    return transaction((tx) => scope.run(marker, () => fn(tx))).finally(() => {
      marker.open = false;
    });
  };
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** The data methods of a Store, each call run in its own transaction. */
export function transactionPerCall(transaction: Store['transaction']): StoreTx {
  const methods: Record<string, unknown> = {};
  for (const name of Object.keys(TX_METHODS) as TxMethodName[]) {
    methods[name] = (...args: unknown[]) =>
      transaction((tx) => (tx[name] as AnyMethod).apply(tx, args));
  }
  const partial = methods as Omit<StoreTx, 'streamEventsByLead'>;
  return {
    ...partial,
    streamEventsByLead: (ws, options) =>
      streamEvents((after) => partial.eventsOfLeadsPage(ws, { after, limit: options.batchSize })),
  };
}

/** Walks keyset pages until the last one. */
export async function* streamEvents(
  page: (after: EventPosition | null) => Promise<EventPage>,
): AsyncGenerator<StoredEvent[]> {
  let after: EventPosition | null = null;
  do {
    const result: EventPage = await page(after);
    if (result.events.length > 0) yield result.events;
    after = result.next;
  } while (after !== null);
}

/** The page's `next`: the last event's position when the page was full, else null. */
export function eventPage(events: StoredEvent[], limit: number): EventPage {
  return { events, next: nextPosition(events, limit) };
}

/** The last event's position when the page was full, else null (for any page of events). */
export function nextPosition(
  events: readonly { leadId: string | null; time: number; seq: number }[],
  limit: number,
): EventPosition | null {
  const last = events[events.length - 1];
  if (!last || events.length < limit || last.leadId === null) return null;
  return { leadId: last.leadId, time: last.time, seq: last.seq };
}

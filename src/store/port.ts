// The storage port: what the service needs from a store, whichever database is behind it.
import type { LeadListQuery, LeadPage } from './lead-list.js';
import type {
  ActiveModel,
  ApiKey,
  Company,
  DueLead,
  ErasureCounts,
  HistoryEntry,
  Job,
  JobPatch,
  JsonObject,
  Lead,
  LeadScoreRow,
  ModelRecord,
  NewApiKey,
  NewEvent,
  NewNotification,
  ScoringEventRow,
  StoredEvent,
  Workspace,
} from './records.js';
import type { AccountMethods } from './account-port.js';
import type { JobLeaseMethods } from './job-lease-port.js';
import type { JobResultMethods } from './job-results-port.js';
import type { CatalogMethods } from './catalog-port.js';
import type { ImportRejectMethods } from './import-rejects-port.js';
import type { PredictiveMethods } from './predictive-port.js';
import type { RetrainingMethods } from './retraining-port.js';
import type { SegmentReachMethods } from './segment-reach-port.js';
import type { LifecycleMethods } from './lifecycle-port.js';
import type { RoutingMethods } from './routing-port.js';
import type { WebhookMethods } from './webhook-port.js';
import type { DashboardMethods } from './dashboard-port.js';
import type { SuppressionMethods } from './suppression-port.js';
import type { ModelHistoryMethods } from './model-history-port.js';
import type { ImportMethods } from './import-port.js';
import type { TeamMethods } from './team-port.js';
import type { ChannelMethods } from './channel-port.js';
import type { DigestContentMethods } from './digest-port.js';
import type { ChannelSyncMethods } from './channel-sync-port.js';
import type { AdjustmentMethods } from './adjustment-port.js';

export * from './records.js';
export * from './webhook-records.js';
export type { WebhookDeliveryPage, WebhookMethods } from './webhook-port.js';
export type { RoutingMethods } from './routing-port.js';
export * from './lifecycle-records.js';
export type { LifecycleMethods } from './lifecycle-port.js';
export type { AccountMethods, AccountPage } from './account-port.js';
export type { JobLeaseMethods } from './job-lease-port.js';
export type { JobResultMethods } from './job-results-port.js';
export type * from './catalog-port.js';
export type { ImportRejectMethods } from './import-rejects-port.js';
export * from './import-reject-records.js';
export type { PredictiveMethods, PredictiveModelSummary } from './predictive-port.js';
export * from './retraining-port.js';
export type { SegmentReach, SegmentReachMethods } from './segment-reach-port.js';
export * from './lead-list.js';
export * from './dashboard-records.js';
export type { DashboardMethods, KeyRevocation } from './dashboard-port.js';
export * from './suppression-records.js';
export type { SuppressionMethods } from './suppression-port.js';
export type { ModelActivation, ModelHistoryMethods, ModelWhatIf } from './model-history-port.js';
export type { ImportMethods, ImportedCompany, ImportedLead } from './import-port.js';
export * from './team-records.js';
export type { TeamMethods } from './team-port.js';
export type { ChannelMethods } from './channel-port.js';
export type { AdjustmentMethods } from './adjustment-port.js';
export type { ChannelSyncMethods, ChannelSyncState } from './channel-sync-port.js';
export * from './channel-records.js';
export type { DigestContentMethods } from './digest-port.js';
export * from './digest-records.js';
export { StoreError, type StoreErrorCode } from './errors.js';

/** A position in the (leadId, time, seq) order of a workspace's attributed events. */
export interface EventPosition {
  leadId: string;
  time: number;
  seq: number;
}

export interface EventPage {
  events: StoredEvent[];
  /** Pass as `after` for the next page; null after the last page. */
  next: EventPosition | null;
}

export interface ScoringEventPage {
  events: ScoringEventRow[];
  /** Pass as `after` for the next page; null after the last page. */
  next: EventPosition | null;
}

/**
 * Every data method. Each takes the workspace id first and touches only that workspace's rows;
 * the exceptions are the lookups that find the workspace (`listWorkspaces`, `findApiKeyByHash`)
 * and the webhook worker's `claimWebhookDeliveries`.
 * Times are epoch milliseconds (UTC).
 */
export interface StoreTx
  extends
    WebhookMethods,
    RoutingMethods,
    AccountMethods,
    LifecycleMethods,
    JobResultMethods,
    CatalogMethods,
    JobLeaseMethods,
    PredictiveMethods,
    RetrainingMethods,
    SegmentReachMethods,
    DashboardMethods,
    SuppressionMethods,
    ModelHistoryMethods,
    ImportMethods,
    ImportRejectMethods,
    TeamMethods,
    ChannelMethods,
    DigestContentMethods,
    ChannelSyncMethods,
    AdjustmentMethods {
  createWorkspace(name: string, now: number): Promise<Workspace>;
  getWorkspace(id: string): Promise<Workspace | undefined>;
  listWorkspaces(): Promise<Workspace[]>;
  addApiKey(key: NewApiKey): Promise<ApiKey>;
  /** Unrevoked keys only. */
  findApiKeyByHash(hash: string): Promise<ApiKey | undefined>;
  listApiKeys(workspaceId: string): Promise<ApiKey[]>;
  /** True when the key was live and is now revoked. */
  revokeApiKey(workspaceId: string, keyId: string, now: number): Promise<boolean>;

  /**
   * Holds the given ids (lead ids, anonymous ids) for the rest of the transaction, so that two
   * transactions never read-modify-write the same lead's score at once. Take them all at the
   * start, in one call (they are taken in sorted order). A no-op where transactions already run
   * one at a time (SQLite).
   */
  lockLeads(ws: string, ids: readonly string[]): Promise<void>;

  getLead(ws: string, id: string): Promise<Lead | undefined>;
  /** Creates each lead that does not exist yet, with no traits; existing leads are left as they are. */
  ensureLeads(ws: string, ids: readonly string[], now: number): Promise<void>;
  /** Creates the lead if needed; merges traits shallowly (given keys overwrite, others stay). */
  upsertLead(ws: string, id: string, traitsPatch: JsonObject, now: number): Promise<Lead>;
  /** Throws StoreError 'not_found' for an unknown lead. */
  setLeadCompany(ws: string, leadId: string, companyId: string | null, now: number): Promise<void>;
  /** Erasure: the lead, its events (also unattributed ones of its anonymous ids), score, history, identities, routing, lifecycle. */
  deleteLead(ws: string, id: string): Promise<ErasureCounts>;

  getCompany(ws: string, id: string): Promise<Company | undefined>;
  upsertCompany(ws: string, id: string, traitsPatch: JsonObject, now: number): Promise<Company>;

  /** Maps the anonymous id to the lead (a later link moves it to the new lead). */
  linkIdentity(ws: string, anonymousId: string, leadId: string, now: number): Promise<void>;
  resolveIdentity(ws: string, anonymousId: string): Promise<string | undefined>;
  /** Attributes the anonymous id's unattributed events to the lead; answers how many. */
  assignAnonymousEvents(ws: string, anonymousId: string, leadId: string): Promise<number>;

  /** A duplicate messageId stores nothing and answers the stored event's seq. */
  insertEvent(ws: string, event: NewEvent): Promise<{ inserted: boolean; seq: number }>;
  /**
   * insertEvent for many events (a Segment batch) in few statements; answers in input order. A
   * messageId repeated within the batch is stored once, at its first occurrence.
   */
  insertEvents(
    ws: string,
    events: readonly NewEvent[],
  ): Promise<{ inserted: boolean; seq: number }[]>;
  /** In time order, equal times in arrival (seq) order. */
  eventsOfLead(ws: string, leadId: string): Promise<StoredEvent[]>;
  /** Attributed events in (leadId, time, seq) order after `after` (keyset, no OFFSET). */
  eventsOfLeadsPage(
    ws: string,
    page: { after?: EventPosition | null; limit: number },
  ): Promise<EventPage>;
  /**
   * All attributed events in (leadId, time, seq) order, read page by page: yields one array per
   * page. Not a snapshot: events stored meanwhile after the current position are included.
   */
  streamEventsByLead(ws: string, options: { batchSize: number }): AsyncIterable<StoredEvent[]>;
  /**
   * eventsOfLeadsPage narrowed to what scoring reads, for a full rescore: only events of the given
   * types, and of each payload only the given top-level keys (see ScoringEventRow).
   */
  scoringEventsPage(
    ws: string,
    page: {
      after?: EventPosition | null;
      limit: number;
      types: readonly StoredEvent['type'][];
      payloadKeys: readonly string[];
      /**
       * When given, only events whose name, trimmed of spaces and lower-cased, is one of these
       * come with the payload keys (the others with an empty payload), as rules match names;
       * except that a name with characters beyond printable ASCII always comes with them, since
       * databases fold the case of those differently.
       */
      payloadFor?: readonly string[];
    },
  ): Promise<ScoringEventPage>;
  countEvents(ws: string): Promise<number>;

  getScore(ws: string, leadId: string): Promise<LeadScoreRow | undefined>;
  /** The stored scores of these leads (leads without one are absent from the map). */
  getScores(ws: string, leadIds: readonly string[]): Promise<Map<string, LeadScoreRow>>;
  putScore(ws: string, row: LeadScoreRow): Promise<void>;
  /** Bulk upsert; with the same leadId twice the later row wins. */
  putScores(ws: string, rows: readonly LeadScoreRow[]): Promise<void>;

  appendHistory(ws: string, entry: HistoryEntry): Promise<void>;
  /** appendHistory for many entries in few statements, kept in the given order. */
  appendHistories(ws: string, entries: readonly HistoryEntry[]): Promise<void>;
  /**
   * Leads of every workspace whose dueAt is at or before `before`, earliest first: the decay
   * scheduler's work list (an index range scan, however many leads there are).
   */
  listDueLeads(before: number, limit: number): Promise<DueLead[]>;
  /** Newest first. */
  listHistory(ws: string, leadId: string, options: { limit: number }): Promise<HistoryEntry[]>;

  /** Answers the new version: 1, 2, 3, ... per workspace. */
  addModel(
    ws: string,
    spec: JsonObject,
    now: number,
    /** What changed and why, and who saved it; null (unknown) when not given. */
    about?: { note?: string | null; author?: string | null },
  ): Promise<number>;
  getModel(ws: string, version: number): Promise<ModelRecord | undefined>;
  /** Oldest first. */
  listModels(ws: string): Promise<ModelRecord[]>;
  /** Records the switch (listModelActivations). Throws StoreError 'not_found' for an unknown version. */
  activateModel(ws: string, version: number, now: number): Promise<void>;
  activeModel(ws: string): Promise<ActiveModel | undefined>;
  /** The active version alone: the cheap read each ingestion transaction makes. */
  activeModelVersion(ws: string): Promise<number | undefined>;

  createJob(ws: string, job: { kind: string; total: number }, now: number): Promise<Job>;
  /** Throws StoreError 'not_found' for an unknown job. */
  updateJob(ws: string, id: string, patch: JobPatch): Promise<Job>;
  getJob(ws: string, id: string): Promise<Job | undefined>;
  /** The workspace's jobs in any of the given statuses, oldest first. */
  listJobs(ws: string, filter: { status: readonly Job['status'][] }): Promise<Job[]>;

  /**
   * Leads with their stored score rows, keyset-paginated on (sort value, lead id). Score figures
   * are as of each row's `scoredAt`: the caller applies decay to "now" when it reads them.
   */
  listLeads(ws: string, query: LeadListQuery): Promise<LeadPage>;
  /**
   * Every lead id of the workspace in id order, each with whether its lead row or its score row
   * was written at or after `changedSince` (their `updatedAt`).
   */
  listLeadIds(
    ws: string,
    options: { changedSince: number },
  ): Promise<{ id: string; changed: boolean }[]>;

  /** Writes notifications to the outbox in the caller's transaction, one delivery per subscription of the workspace that wants the type. Nothing is sent here. */
  enqueueNotifications(ws: string, notifications: readonly NewNotification[]): Promise<void>;
}

export interface Store extends StoreTx {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations in order; answers the ids it applied (none the second time). */
  migrate(): Promise<string[]>;
  /**
   * Runs fn in one transaction: all its writes commit together, or none if it throws. Inside fn
   * use only `tx`: calling the store itself there would wait for fn (SQLite) or escape the
   * transaction (PostgreSQL).
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Refreshes the planner's statistics. Call before reading a whole workspace after bulk
   * writes: PostgreSQL without them (autovacuum off, or not yet run) pages through events with
   * a plan 25 times slower.
   */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

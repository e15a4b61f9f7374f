// The store methods the dashboard reads with: per-lead extras for a page of the lead list, a
// lead's events newest first, score and funnel counts aggregated in SQL, the transitions feed,
// and revoking a key without locking the workspace out of its management API.
import type { ApiKey } from './records.js';
import type {
  FunnelCounts,
  LeadEvent,
  LeadEventPosition,
  LeadExtras,
  ScoreDistribution,
  Transition,
} from './dashboard-records.js';

/** What revoking answered: the key as it is now, unless it was the last live admin key. */
export interface KeyRevocation {
  status: 'revoked' | 'already_revoked' | 'last_admin';
  key: ApiKey;
}

export interface DashboardMethods {
  /** Owner, tags, latest event time and score trend of each given lead, in a few set-based reads. */
  leadExtras(ws: string, leadIds: readonly string[]): Promise<Map<string, LeadExtras>>;
  /** The lead's events in (time, seq) order, newest first, strictly before `before` when given. */
  listLeadEvents(
    ws: string,
    leadId: string,
    page: { limit: number; before?: LeadEventPosition | undefined },
  ): Promise<LeadEvent[]>;
  /** Counts of the stored scores in `bins` equal-width bins and per segment, grade and stage. */
  scoreDistribution(ws: string, options: { bins: number }): Promise<ScoreDistribution>;
  /** Leads and customers (lifecycle stage `customer`), in all and per scored (stage, segment). */
  funnelCounts(ws: string): Promise<FunnelCounts>;
  /**
   * Score-history entries where the segment, grade or stage changed (first entries included), in
   * the order they were recorded, newest first, with an id below `before` when given.
   */
  listTransitions(
    ws: string,
    page: { limit: number; before?: number | undefined },
  ): Promise<Transition[]>;
  /**
   * Revokes the key unless it is the workspace's last live admin key; undefined for an unknown
   * key. Concurrent calls cannot together revoke every admin key.
   */
  revokeApiKeyKeepingAdmin(
    ws: string,
    keyId: string,
    now: number,
  ): Promise<KeyRevocation | undefined>;
}

// The store methods of erasure suppression: what an erasure suppresses, the set-based check an
// ingestion run makes, the refusals counted, and the list and lift of the management API.
import type { Suppression, SuppressionPosition } from './suppression-records.js';

export interface SuppressionMethods {
  /**
   * Suppresses the lead id and every anonymous id linked to it (aliases included). Call before
   * deleteLead, which removes the links. An id already suppressed keeps its record. Answers how
   * many ids are suppressed for the lead.
   */
  suppressLead(ws: string, leadId: string, now: number): Promise<number>;
  /** Which of these ids are suppressed: one indexed lookup for the whole set. */
  suppressedAmong(ws: string, ids: readonly string[]): Promise<Set<string>>;
  /** Adds each count to its suppression's refusedCount and sets its lastRefusedAt to `now`. */
  countRefusals(ws: string, refusals: ReadonlyMap<string, number>, now: number): Promise<void>;
  /** Newest first (createdAt, then id, descending), after `after` when given. */
  listSuppressions(
    ws: string,
    page: { limit: number; after?: SuppressionPosition | undefined },
  ): Promise<Suppression[]>;
  /** Removes the suppression and answers it; undefined for an id not suppressed. */
  liftSuppression(ws: string, id: string): Promise<Suppression | undefined>;
}

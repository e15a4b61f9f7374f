// The store methods of the sales loop: each lead's lifecycle stage, its append-only history of
// moves, and the moves counted against the hand-overs of a period (the hand-over report).
import type { LeadLifecycle, LifecycleEntry, NewLifecycleEntry } from './lifecycle-records.js';

export interface LifecycleMethods {
  /** The lifecycle of each of these leads that was ever moved (others are absent from the map). */
  getLifecycles(ws: string, leadIds: readonly string[]): Promise<Map<string, LeadLifecycle>>;
  /** Bulk upsert of current stages; with the same leadId twice the later row wins. */
  putLifecycles(ws: string, rows: readonly LeadLifecycle[]): Promise<void>;
  /** Appends history entries, their seq growing in the given order. */
  appendLifecycleEntries(ws: string, entries: readonly NewLifecycleEntry[]): Promise<void>;
  /** The lead's history, newest first. */
  listLifecycleEntries(
    ws: string,
    leadId: string,
    options: { limit: number },
  ): Promise<LifecycleEntry[]>;
  /**
   * Every entry counted against a hand-over made in [from, to) (its `handover.at`), in (leadId,
   * seq) order: what the hand-over report reads, through an index on the hand-over time.
   */
  listHandoverEntries(ws: string, period: { from: number; to: number }): Promise<LifecycleEntry[]>;
}

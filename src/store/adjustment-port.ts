// The store methods of manual score adjustments: a lead's list, added, removed by hand or once
// expired. The lead's score state carries a copy (the engine reads it there); this table is the
// record the API lists and erasure deletes.
import type { Adjustment } from '../core/manual-adjustment.js';

export interface AdjustmentMethods {
  /** Adds one; its id is unique within the lead. */
  addAdjustment(ws: string, leadId: string, adjustment: Adjustment): Promise<void>;
  /** The lead's adjustments, oldest first (at, then id). */
  listAdjustments(ws: string, leadId: string): Promise<Adjustment[]>;
  /** The adjustments of these leads (oldest first), leads without any left out. */
  adjustmentsOfLeads(ws: string, leadIds: readonly string[]): Promise<Map<string, Adjustment[]>>;
  /** Removes one and answers it; undefined when the lead has none with that id. */
  deleteAdjustment(ws: string, leadId: string, id: string): Promise<Adjustment | undefined>;
  /** Removes the lead's adjustments expired by `now` (expiresAt <= now) and answers them. */
  deleteExpiredAdjustments(ws: string, leadId: string, now: number): Promise<Adjustment[]>;
}

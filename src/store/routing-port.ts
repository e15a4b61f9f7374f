// The store methods of lead routing: who owns a lead, its tags, which once-only segment actions
// already fired for it, and the round-robin counters that spread leads over sales reps.
import type { LeadRouting } from './records.js';

export interface RoutingMethods {
  /** Owner null and no tags for a lead never routed. */
  getLeadRouting(ws: string, leadId: string): Promise<LeadRouting>;
  setLeadOwner(ws: string, leadId: string, owner: string | null, now: number): Promise<void>;
  /** Adds the tags the lead does not have yet (kept in the order first added). */
  addLeadTags(ws: string, leadId: string, tags: readonly string[], now: number): Promise<void>;
  /** True the first time for this lead and key, false ever after: once-only actions. */
  claimOnce(ws: string, leadId: string, key: string, now: number): Promise<boolean>;
  /** 0, 1, ..., size − 1, 0, ... per workspace and key, across transactions. */
  nextRoundRobin(ws: string, key: string, size: number): Promise<number>;
}

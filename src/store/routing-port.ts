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

  // The same for many leads at once, as a rescore or a batch records its transitions: each in
  // few statements, with the outcome of taking the items one at a time in the given order.

  /** The routing of each lead (a lead never routed: owner null, no tags). */
  getLeadRoutings(ws: string, leadIds: readonly string[]): Promise<Map<string, LeadRouting>>;
  /** setLeadOwner for each item in order: a lead named twice keeps its last owner. */
  setLeadOwners(
    ws: string,
    owners: readonly { leadId: string; owner: string | null }[],
    now: number,
  ): Promise<void>;
  /** addLeadTags for each item in order. */
  addLeadTagsMany(
    ws: string,
    items: readonly { leadId: string; tags: readonly string[] }[],
    now: number,
  ): Promise<void>;
  /** claimOnce for each (lead, key) in order: true for the claims that were first. */
  claimOnceMany(
    ws: string,
    claims: readonly { leadId: string; key: string }[],
    now: number,
  ): Promise<boolean[]>;
  /** `count` turns of nextRoundRobin at once, in order. */
  nextRoundRobins(ws: string, key: string, size: number, count: number): Promise<number[]>;
}

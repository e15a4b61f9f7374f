// What a dry run would have written so far, kept in memory instead of the store: the writers read
// it over the store (read-only lookups) so later chunks and files count as a real import would.
import type { JsonObject, LeadLifecycle } from '../../store/port.js';

export interface DryLead {
  traits: JsonObject;
  companyId: string | null;
  createdAt: number;
}

export class DryRunState {
  /** Companies as they would be after the rows so far (only those a row named). */
  readonly companies = new Map<string, JsonObject>();
  /** Leads as they would be after the rows so far (written by a leads row or created by an event). */
  readonly leads = new Map<string, DryLead>();
  /** messageIds of events that would have been stored. */
  readonly messageIds = new Set<string>();
  /** Lifecycles that would have moved, and the outcomes that would have been recorded. */
  readonly lifecycles = new Map<string, LeadLifecycle>();
  readonly outcomes = new Set<string>();
  /** Leads the import would score at the end. */
  readonly pending = new Set<string>();

  static outcomeKey(leadId: string, kind: string, at: number): string {
    return JSON.stringify([leadId, kind, at]);
  }
}

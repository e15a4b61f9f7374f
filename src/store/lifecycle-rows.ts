// Lifecycle rows as both adapters read and write them (the same columns in SQLite and
// PostgreSQL), and their records.
import type {
  Handover,
  LeadLifecycle,
  LifecycleEntry,
  NewLifecycleEntry,
} from './lifecycle-records.js';

export interface LifecycleRow {
  lead_id: string;
  stage: LeadLifecycle['stage'];
  since: number;
  handover_segment: string | null;
  handover_at: number | null;
}

export interface LifecycleEntryRow {
  seq: number;
  lead_id: string;
  kind: LifecycleEntry['kind'];
  from_stage: LifecycleEntry['from'];
  to_stage: LifecycleEntry['to'];
  reason: string | null;
  cause: LifecycleEntry['cause'];
  cause_ref: string | null;
  actor: string | null;
  value: number | null;
  currency: string | null;
  at: number;
  handover_segment: string | null;
  handover_at: number | null;
}

export const ENTRY_COLUMNS = `seq, lead_id, kind, from_stage, to_stage, reason, cause, cause_ref,
  actor, value, currency, at, handover_segment, handover_at`;

const handoverOf = (segment: string | null, at: number | null): Handover | null =>
  segment === null || at === null ? null : { segment, at };

export const toLifecycle = (r: LifecycleRow): LeadLifecycle => ({
  leadId: r.lead_id,
  stage: r.stage,
  since: r.since,
  handover: handoverOf(r.handover_segment, r.handover_at),
});

export const fromLifecycle = (l: LeadLifecycle): LifecycleRow => ({
  lead_id: l.leadId,
  stage: l.stage,
  since: l.since,
  handover_segment: l.handover?.segment ?? null,
  handover_at: l.handover?.at ?? null,
});

export const toLifecycleEntry = (r: LifecycleEntryRow): LifecycleEntry => ({
  seq: r.seq,
  leadId: r.lead_id,
  kind: r.kind,
  from: r.from_stage,
  to: r.to_stage,
  reason: r.reason,
  cause: r.cause,
  causeRef: r.cause_ref,
  actor: r.actor,
  value: r.value,
  currency: r.currency,
  at: r.at,
  handover: handoverOf(r.handover_segment, r.handover_at),
});

export const fromLifecycleEntry = (e: NewLifecycleEntry): Omit<LifecycleEntryRow, 'seq'> => ({
  lead_id: e.leadId,
  kind: e.kind,
  from_stage: e.from,
  to_stage: e.to,
  reason: e.reason,
  cause: e.cause,
  cause_ref: e.causeRef,
  actor: e.actor,
  value: e.value,
  currency: e.currency,
  at: e.at,
  handover_segment: e.handover?.segment ?? null,
  handover_at: e.handover?.at ?? null,
});

/** Later rows of a lead replace earlier ones: one statement cannot upsert a row twice. */
export function lastPerLead(rows: readonly LeadLifecycle[]): LeadLifecycle[] {
  return [...new Map(rows.map((r) => [r.leadId, r])).values()];
}

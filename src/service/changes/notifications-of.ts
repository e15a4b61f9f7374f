// The webhook notifications a recorded change of a lead calls for: one per thing that moved
// (segment, stage, grade), plus lead.qualified when it entered a segment marked qualified.
import type { CompiledModel } from '../../core/compile-model.js';
import type { HistoryEntry, JsonObject, NewNotification } from '../../store/port.js';

export function notificationsOf(compiled: CompiledModel, entry: HistoryEntry): NewNotification[] {
  const before = entry.previous;
  const base: JsonObject = {
    leadId: entry.leadId,
    score: entry.score,
    grade: entry.grade,
    segment: entry.segment,
    stage: entry.stage,
    modelVersion: entry.modelVersion,
    cause: entry.cause,
    causeRef: entry.causeRef,
  };
  const out: NewNotification[] = [];
  const add = (type: NewNotification['type'], data: JsonObject) =>
    out.push({ type, leadId: entry.leadId, at: entry.at, data: { ...base, ...data } });
  if (before?.segment !== entry.segment) {
    add('lead.segment_changed', { from: before?.segment ?? null, to: entry.segment });
    if (enteredQualified(compiled, entry)) add('lead.qualified', { to: entry.segment });
  }
  if (before?.stage !== entry.stage)
    add('lead.stage_changed', { from: before?.stage ?? null, to: entry.stage });
  if (before && before.grade !== entry.grade)
    add('lead.grade_changed', { from: before.grade, to: entry.grade });
  return out;
}

/** True when the change moved the lead from a segment not marked qualified into one that is. */
export function enteredQualified(compiled: CompiledModel, entry: HistoryEntry): boolean {
  const before = entry.previous?.segment;
  if (before === entry.segment) return false;
  const entered = compiled.segments.find((s) => s.id === entry.segment);
  const left = compiled.segments.find((s) => s.id === before);
  return entered?.qualified === true && left?.qualified !== true;
}

/**
 * The write-back message of a change: channels that sync lead state to a CDP or CRM receive it
 * (webhooks never do). It is sent with the lead's state at the time of sending, so the data here
 * is what the delivery log shows of the change that queued it.
 */
export function leadChanged(entry: HistoryEntry): NewNotification {
  return {
    type: 'lead.changed',
    leadId: entry.leadId,
    at: entry.at,
    data: {
      leadId: entry.leadId,
      score: entry.score,
      grade: entry.grade,
      segment: entry.segment,
      stage: entry.stage,
      cause: entry.cause,
    },
  };
}

/**
 * A lead's owner changed outside a recorded change (seeding, an assignment by hand): write-back
 * channels send the lead's state as it is when the delivery goes out, so the message carries no
 * values. Enqueue it in the transaction that changes the owner.
 */
export function ownerChanged(leadId: string, at: number): NewNotification {
  return { type: 'lead.changed', leadId, at, data: { leadId, cause: 'owner' } };
}

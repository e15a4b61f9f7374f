// The lead.feedback_recorded webhook notification: sent for sales feedback (accepted, rejected)
// and outcomes (converted, lost), whether they came over the API or as conversion events.
import type { NewLifecycleEntry, NewNotification } from '../../store/port.js';

const FEEDBACK_KINDS = new Set<NewLifecycleEntry['kind']>([
  'accepted',
  'rejected',
  'converted',
  'lost',
]);

const iso = (ms: number) => new Date(ms).toISOString();

/** The notifications the recorded entries call for (none for hand-overs, moves and resets). */
export function feedbackNotifications(entries: readonly NewLifecycleEntry[]): NewNotification[] {
  return entries
    .filter((e) => FEEDBACK_KINDS.has(e.kind))
    .map((e) => ({
      type: 'lead.feedback_recorded',
      leadId: e.leadId,
      at: e.at,
      data: {
        leadId: e.leadId,
        feedback: e.kind,
        from: e.from,
        to: e.to,
        reason: e.reason,
        value: e.value,
        currency: e.currency,
        by: e.actor,
        cause: e.cause,
        causeRef: e.causeRef,
        segment: e.handover?.segment ?? null,
        handedOverAt: e.handover ? iso(e.handover.at) : null,
      },
    }));
}

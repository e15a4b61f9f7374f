// A lead's lifecycle over the API: its stage with the moves that led there (times in ISO-8601),
// and the bodies of sales feedback, outcomes, forward moves and resets.
import { z } from 'zod';
import {
  LIFECYCLE_CAUSES,
  LIFECYCLE_KINDS,
  LIFECYCLE_STAGES,
  type Handover,
  type LeadLifecycle,
  type LifecycleEntry,
} from '../../store/lifecycle-records.js';
import { isoTime } from './iso-time.js';

const iso = (ms: number) => new Date(ms).toISOString();
const stage = z.enum(LIFECYCLE_STAGES);

const handoverView = z
  .object({
    segment: z.string().describe('The qualified segment the lead was handed over from'),
    at: isoTime,
  })
  .nullable()
  .describe('The hand-over to sales in effect; null before one or after a reset to marketing');

export const lifecycleMoveSchema = z.object({
  kind: z.enum(LIFECYCLE_KINDS),
  from: stage,
  to: stage,
  reason: z.string().nullable(),
  cause: z.enum(LIFECYCLE_CAUSES).describe('scoring (a hand-over), api, or an ingested event'),
  causeRef: z.string().nullable().describe('The segment entered, or the event messageId'),
  by: z.string().nullable().describe('Who made the move, as the caller said'),
  value: z.number().nullable().describe('A conversion’s value'),
  currency: z.string().nullable(),
  at: isoTime,
  handover: handoverView,
});

export const leadLifecycleSchema = z
  .object({
    leadId: z.string(),
    stage,
    since: isoTime.describe('When the lead entered its stage'),
    handover: handoverView,
    moves: z.array(lifecycleMoveSchema).describe('Newest first'),
  })
  .describe('The lead’s lifecycle stage and the moves that led there, newest first');

export type LeadLifecycleView = z.infer<typeof leadLifecycleSchema>;
export type LifecycleMoveView = z.infer<typeof lifecycleMoveSchema>;

const handoverOf = (h: Handover | null) => (h ? { segment: h.segment, at: iso(h.at) } : null);

export function lifecycleView(
  state: LeadLifecycle,
  moves: readonly LifecycleEntry[],
): LeadLifecycleView {
  return {
    leadId: state.leadId,
    stage: state.stage,
    since: iso(state.since),
    handover: handoverOf(state.handover),
    moves: moves.map((m) => ({
      kind: m.kind,
      from: m.from,
      to: m.to,
      reason: m.reason,
      cause: m.cause,
      causeRef: m.causeRef,
      by: m.actor,
      value: m.value,
      currency: m.currency,
      at: iso(m.at),
      handover: handoverOf(m.handover),
    })),
  };
}

const reason = z.string().trim().min(1).max(500);
const by = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .optional()
  .describe('Who in sales says so (an email address or CRM user id)');

export const feedbackBodySchema = z.discriminatedUnion('decision', [
  z
    .strictObject({ decision: z.literal('accepted'), reason: reason.optional(), by })
    .describe('Sales accepts the handed-over lead (mql -> sal)'),
  z
    .strictObject({ decision: z.literal('rejected'), reason, by })
    .describe('Sales rejects it, saying why: back to marketing (mql -> lead)'),
]);

export const outcomeBodySchema = z.discriminatedUnion('outcome', [
  z
    .strictObject({
      outcome: z.literal('converted'),
      value: z.number().nonnegative().optional().describe('What the purchase was worth'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR')
        .optional(),
      at: z.iso
        .datetime({ offset: true })
        .optional()
        .describe('When it converted (ISO-8601 with an offset); now if absent'),
      reason: reason.optional(),
      by,
    })
    .describe('A purchase: the lead becomes (or stays) a customer'),
  z
    .strictObject({ outcome: z.literal('lost'), reason, by })
    .describe('Sales lost the lead, saying why'),
]);

/** The stages a plain move may reach; the sales loop's own are reached by its own calls. */
const MOVE_STAGES = ['lead', 'sql', 'opportunity', 'disqualified'] as const;

export const moveBodySchema = z
  .strictObject({
    stage: z.enum(MOVE_STAGES).describe('A later stage, or disqualified (with a reason)'),
    reason: reason.optional(),
    by,
  })
  .refine((body) => body.stage !== 'disqualified' || body.reason !== undefined, {
    path: ['reason'],
    message: 'disqualifying a lead needs a reason',
  });

export const resetBodySchema = z.strictObject({
  stage: stage.describe('Any other stage, earlier ones included'),
  reason,
  by,
});

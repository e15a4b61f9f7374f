// The sales-loop records the store keeps: each lead's lifecycle stage and the append-only
// history of its moves (hand-overs, sales feedback, outcomes, resets), as zod schemas.
import { z } from 'zod';

/** Epoch milliseconds, UTC. */
const millis = z.number();

/**
 * The lifecycle in its forward order, then the two closed side stages. A lead never moved is a
 * subscriber.
 */
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
  'lost',
] as const;

/** What a move was: the sales loop's own moves, a plain forward move, or an explicit reset. */
export const LIFECYCLE_KINDS = [
  'handed_over',
  'accepted',
  'rejected',
  'converted',
  'lost',
  'moved',
  'reset',
] as const;

/** Where a move came from: scoring (a qualified segment entered), the API, an ingested event. */
export const LIFECYCLE_CAUSES = ['scoring', 'api', 'event'] as const;

/** The hand-over a lead's later moves are counted against: the segment it qualified in, and when. */
export const handoverSchema = z.object({ segment: z.string(), at: millis });

export const leadLifecycleSchema = z.object({
  leadId: z.string(),
  stage: z.enum(LIFECYCLE_STAGES),
  /** When it entered the stage. */
  since: millis,
  /** The last hand-over to sales; cleared by a reset to a stage before mql. */
  handover: handoverSchema.nullable(),
});

export const newLifecycleEntrySchema = z.object({
  leadId: z.string(),
  kind: z.enum(LIFECYCLE_KINDS),
  from: z.enum(LIFECYCLE_STAGES),
  /** Equal to `from` for a repeat purchase of a customer. */
  to: z.enum(LIFECYCLE_STAGES),
  reason: z.string().nullable(),
  cause: z.enum(LIFECYCLE_CAUSES),
  /** What caused it: the segment entered, the event's messageId; null for the API. */
  causeRef: z.string().nullable(),
  /** Who made it, as the caller says (a sales rep); null when not said. */
  actor: z.string().nullable(),
  /** A conversion's value and currency. */
  value: z.number().nullable(),
  currency: z.string().nullable(),
  at: millis,
  /** The hand-over in effect after the move (the one it is counted against in reports). */
  handover: handoverSchema.nullable(),
});

export const lifecycleEntrySchema = newLifecycleEntrySchema.extend({
  /** Order of recording within the store. */
  seq: z.number().int(),
});

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];
export type LifecycleCause = (typeof LIFECYCLE_CAUSES)[number];
export type Handover = z.infer<typeof handoverSchema>;
export type LeadLifecycle = z.infer<typeof leadLifecycleSchema>;
export type NewLifecycleEntry = z.infer<typeof newLifecycleEntrySchema>;
export type LifecycleEntry = z.infer<typeof lifecycleEntrySchema>;

// What the dashboard reads from the store, as zod schemas: per-lead extras for the lead list, a
// lead's events, score and funnel counts aggregated in SQL, and the workspace's transitions.
import { z } from 'zod';
import { STAGES } from '../core/model-schema.js';
import { EVENT_TYPES, HISTORY_CAUSES } from './records.js';

/** Epoch milliseconds, UTC. */
const millis = z.number();

/** Most score-history entries a lead list item's trend shows. */
export const TREND_LENGTH = 12;

export const leadExtrasSchema = z.object({
  owner: z.string().nullable(),
  tags: z.array(z.string()),
  /** The time of its latest event; null when it has none. */
  lastEventTime: millis.nullable(),
  /** Its score after each of its last TREND_LENGTH history entries, oldest first. */
  trend: z.array(z.number()),
});

/** A position in a lead's events, newest first: (time, seq) descending. */
export const leadEventPositionSchema = z.object({ time: millis, seq: z.number().int() });

export const leadEventSchema = z.object({
  seq: z.number().int(),
  messageId: z.string(),
  type: z.enum(EVENT_TYPES),
  name: z.string(),
  time: millis,
  receivedAt: millis,
  payload: z.record(z.string(), z.unknown()),
});

const count = z.number().int();

/** The stored scores of a workspace, counted in SQL. */
export const scoreDistributionSchema = z.object({
  /** Every lead, scored or not. */
  total: count,
  scored: count,
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Equal-width bins from min to max, the last one closed; one bin when min = max. */
  bins: z.array(z.object({ from: z.number(), to: z.number(), count })),
  segments: z.array(z.object({ segment: z.string(), count })),
  grades: z.array(z.object({ grade: z.string().nullable(), count })),
  stages: z.array(z.object({ stage: z.enum(STAGES), count })),
});

/** Scored leads per (stage, segment), and how many of them are customers. */
export const funnelCountsSchema = z.object({
  leads: z.number().int(),
  converted: z.number().int(),
  groups: z.array(
    z.object({
      stage: z.enum(STAGES),
      segment: z.string(),
      leads: z.number().int(),
      converted: z.number().int(),
    }),
  ),
});

const snapshotSchema = z.object({
  score: z.number(),
  grade: z.string().nullable(),
  segment: z.string(),
  stage: z.enum(STAGES),
});

/** A score-history entry in which the segment, grade or stage changed (or the first one). */
export const transitionSchema = z.object({
  /** The history entry's id: the feed's order, newest first. */
  id: z.number().int(),
  leadId: z.string(),
  at: millis,
  cause: z.enum(HISTORY_CAUSES),
  causeRef: z.string().nullable(),
  from: snapshotSchema.nullable(),
  to: snapshotSchema,
});

export type LeadExtras = z.infer<typeof leadExtrasSchema>;
export type LeadEventPosition = z.infer<typeof leadEventPositionSchema>;
export type LeadEvent = z.infer<typeof leadEventSchema>;
export type ScoreDistribution = z.infer<typeof scoreDistributionSchema>;
export type FunnelCounts = z.infer<typeof funnelCountsSchema>;
export type Transition = z.infer<typeof transitionSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;

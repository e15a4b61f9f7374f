// The result of scoring one lead, and the explanation of every point in it.
import { z } from 'zod';
import { STAGES } from './model-schema.js';

export const contributionSchema = z.object({
  kind: z.enum(['criterion', 'rule', 'manual']),
  id: z.string(),
  category: z.string(),
  /** The points the model gives. */
  points: z.number(),
  /** After the rule's cap (criteria: same as points). */
  afterCap: z.number(),
  /** After cap and decay as of the scoring time: what it adds to the score. */
  afterDecay: z.number(),
  /** The event's time, epoch ms (rules only). */
  time: z.number().optional(),
  messageId: z.string().optional(),
  /** Manual adjustments: why, who, and when it stops counting (epoch ms, null for never). */
  reason: z.string().optional(),
  author: z.string().optional(),
  expiresAt: z.number().nullable().optional(),
});

export const leadScoreSchema = z.object({
  score: z.number(),
  fit: z.number(),
  engagement: z.number(),
  grade: z.string().nullable(),
  segment: z.string(),
  stage: z.enum(STAGES),
  categories: z.record(z.string(), z.number()),
  contributions: z.array(contributionSchema).optional(),
});

export type Contribution = z.infer<typeof contributionSchema>;
export type LeadScore = z.infer<typeof leadScoreSchema>;

/** Output rounding: scores to 2 decimals (thresholds always compare unrounded values). */
export function round2(value: number): number {
  const r = Math.round(value * 100) / 100;
  return r === 0 ? 0 : r;
}

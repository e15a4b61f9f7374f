// The dashboard's reports over the API: the score distribution (stored scores, with the active
// model's segment thresholds) and the conversion funnel.
import { z } from 'zod';
import { STAGES } from '../../core/model-schema.js';

/** Most bins asked for: more than a chart can show. */
const MAX_BINS = 200;
const count = z.number().int();

export const distributionQuerySchema = z.object({
  bins: z.coerce.number().int().min(1).max(MAX_BINS).default(20).describe('How many score bins'),
});

export const distributionSchema = z
  .object({
    total: count.describe('Leads, scored or not'),
    scored: count.describe('Leads with a stored score'),
    min: z.number().nullable().describe('Lowest stored score; null when none is scored'),
    max: z.number().nullable().describe('Highest stored score; null when none is scored'),
    bins: z
      .array(z.object({ from: z.number(), to: z.number(), count }))
      .describe('Equal-width bins from min to max (the last includes max); one when min = max'),
    segments: z
      .array(z.object({ segment: z.string(), count }))
      .describe("In the active model's order, then segments it no longer has"),
    grades: z.array(z.object({ grade: z.string().nullable(), count })),
    stages: z.array(z.object({ stage: z.enum(STAGES), count })),
    thresholds: z
      .array(z.object({ segment: z.string(), minScore: z.number().nullable() }))
      .describe("The active model's segments and the score each starts at (null: the rest)"),
  })
  .describe('How the stored scores are spread');

const rates = {
  leads: count,
  converted: count.describe('Of them, customers (lifecycle stage `customer`)'),
  rate: z.number().describe('converted / leads; 0 without leads'),
};

export const funnelSchema = z
  .object({
    leads: count.describe('Every lead'),
    converted: count.describe('Leads whose lifecycle stage is `customer`'),
    stages: z
      .array(z.object({ stage: z.enum(STAGES), ...rates }))
      .describe('Scored leads per scoring stage'),
    segments: z
      .array(z.object({ segment: z.string(), ...rates }))
      .describe("Scored leads per segment, in the active model's order"),
  })
  .describe('How many leads became customers, per stage and segment');

export type Distribution = z.infer<typeof distributionSchema>;
export type Funnel = z.infer<typeof funnelSchema>;

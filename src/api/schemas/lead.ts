// One lead as the API answers it: traits, company, and its score as of now with every
// contribution explained (see service/leads/lead-view.ts).
import { z } from 'zod';
import { contributionSchema } from '../../core/lead-score.js';
import { STAGES } from '../../core/model-schema.js';
import { isoTime } from './iso-time.js';
import { predictionSchema } from './predictive.js';

const traits = z.record(z.string(), z.unknown());

export const leadContributionSchema = contributionSchema
  .extend({
    time: isoTime.optional().describe('The event’s time (rules), when it was made (manual)'),
    expiresAt: isoTime
      .nullable()
      .optional()
      .describe('Manual adjustments: when it stops counting, null for never'),
  })
  .describe(
    'Points from one fit criterion, engagement rule or manual adjustment, after cap and decay',
  );

export const leadSchema = z
  .object({
    id: z.string().describe('The lead id: the Segment userId'),
    traits,
    company: z.object({ id: z.string(), traits }).nullable().describe('From the group call'),
    owner: z.string().nullable().describe('The sales rep a segment action assigned the lead to'),
    tags: z.array(z.string()).describe('Tags segment actions added'),
    modelVersion: z
      .number()
      .int()
      .nullable()
      .describe('The active model version; null (and no score) before one is active'),
    score: z.number().nullable().describe('fit + engagement'),
    fit: z.number().nullable(),
    engagement: z.number().nullable(),
    grade: z.string().nullable(),
    segment: z.string().nullable(),
    stage: z.enum(STAGES).nullable(),
    categories: z.record(z.string(), z.number()).describe('Points per category'),
    contributions: z.array(leadContributionSchema).describe('Every point in the score'),
    prediction: predictionSchema
      .nullable()
      .describe('The active predictive model’s probability; null when none is active'),
    asOf: isoTime.describe('The time the score is as of (now, or the latest event if later)'),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Lead', description: 'A lead with its score as of now, every point explained' });

export type LeadResponse = z.infer<typeof leadSchema>;
export type LeadContribution = z.infer<typeof leadContributionSchema>;

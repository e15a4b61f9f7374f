// What a backtest reports, as a zod schema: the API answers it, the CLI prints it, and the type
// the service builds comes from it.
import { z } from 'zod';

const segmentRowSchema = z.object({
  segment: z.string(),
  leads: z.number().int(),
  converted: z.number().int(),
  rate: z.number().nullable(),
});

const rankingSchema = z
  .object({
    auc: z.number().nullable().describe('ROC AUC of the score just before each known outcome'),
    liftTop10: z.number().nullable().describe('Conversion rate of the top 10% over the base rate'),
    bySegment: z.array(segmentRowSchema).describe('Segment just before the outcome'),
  })
  .describe('How a model ranks the leads whose outcome is known');

const capacityPointSchema = z.object({
  threshold: z.number(),
  leadsPerWeek: z.number(),
  conversionRate: z.number().nullable(),
  expectedConversionsPerWeek: z.number().nullable(),
});

export const backtestResultSchema = z.object({
  asOf: z.string().describe('The moment both models are read at (ISO-8601)'),
  activeVersion: z.number().int().nullable(),
  candidate: z.object({
    kind: z.enum(['rules', 'predictive']),
    version: z.number().int().nullable(),
    name: z.string(),
  }),
  leads: z.number().int(),
  segments: z.array(z.string()).describe("The candidate's segments in model order"),
  moves: z
    .array(
      z.object({
        from: z.string().nullable().describe('Segment under the active model now; null: unscored'),
        to: z.string().describe('Segment under the candidate now'),
        count: z.number().int(),
      }),
    )
    .describe('How many leads would move between which segments'),
  moved: z.number().int().describe('Leads whose segment would change'),
  ranking: z.object({
    known: z.number().int().describe('Leads with a known outcome (customer, lost, disqualified)'),
    scope: z
      .enum(['known outcomes', 'held-out known outcomes'])
      .describe(
        'A predictive candidate is judged only on the leads its training held out, the active model on the same ones',
      ),
    converted: z.number().int(),
    active: rankingSchema.nullable(),
    candidate: rankingSchema,
  }),
  capacity: z
    .object({
      perWeek: z.number(),
      weeks: z.number(),
      threshold: z.number().nullable(),
      leadsPerWeek: z.number(),
      expectedConversionsPerWeek: z.number(),
      curve: z.array(capacityPointSchema),
    })
    .nullable()
    .describe(
      'The threshold that fills the given sales capacity with the most expected conversions',
    ),
});

export type BacktestResult = z.infer<typeof backtestResultSchema>;
export type Ranking = z.infer<typeof rankingSchema>;

// Predictive scoring and analytics over the API: what starting their jobs takes, the stored
// predictive versions, and a lead's prediction beside its score.
import { z } from 'zod';
import { isoTime } from './iso-time.js';

export const analyticsRequestSchema = z
  .object({
    bins: z.number().int().min(2).max(50).optional().describe('Quantile bins per numeric trait'),
    thresholds: z
      .array(z.number().positive())
      .min(1)
      .max(10)
      .optional()
      .describe('Behaviour thresholds: did it at least n times (default 1 and 3)'),
    costs: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .describe('Spend per channel, for cost per lead and per conversion'),
  })
  .strict();

export const suggestRequestSchema = z
  .object({
    method: z
      .enum(['woe', 'lr'])
      .default('woe')
      .describe('Points from weights of evidence, or weighted by a logistic regression'),
    pdo: z.number().positive().max(1000).optional().describe('Points that double the odds'),
    minIv: z.number().min(0).max(10).optional().describe('Least information value kept'),
    bins: z.number().int().min(2).max(50).optional().describe('Quantile bins per number'),
  })
  .strict();

export const trainRequestSchema = z
  .object({
    kind: z
      .enum(['lr', 'gbdt'])
      .default('gbdt')
      .describe('Logistic regression or gradient-boosted trees'),
  })
  .strict();

const factorSchema = z.object({
  label: z.string().describe('The feature and the lead’s value, e.g. `did: Demo Requested=2`'),
  text: z
    .string()
    .describe('What a person reads, e.g. `unknown country`, `country is Portugal`, `age is 42`'),
  feature: z.string().describe('The column the factor is about'),
  value: z.string().nullable().describe('The lead’s value as the model read it; null if missing'),
  contribution: z.number().describe('In log-odds: positive raises the probability'),
});

export const predictionSchema = z
  .object({
    version: z.number().int().describe('The predictive model version'),
    kind: z.string(),
    probability: z.number().min(0).max(1).describe('Calibrated probability to convert'),
    band: z.string().describe('A (most likely) to D'),
    up: z.array(factorSchema),
    down: z.array(factorSchema),
  })
  .describe('The active predictive model’s view of the lead');

const readinessSchema = z
  .object({
    grade: z.enum(['poor', 'fair', 'good', 'excellent']),
    rocAuc: z.number().nullable(),
    basis: z.enum(['held-out', 'cross-validated']),
    reason: z.string(),
  })
  .describe(
    'From the held-out (or, below 2,000 labelled leads, cross-validated) ROC AUC: poor < 0.6 <= fair < 0.7 <= good < 0.8 <= excellent; a poor version is activated only with { override: true }',
  );

const predictiveSummarySchema = z.object({
  version: z.number().int(),
  kind: z.string(),
  createdAt: isoTime,
  active: z.boolean(),
  metrics: z.record(z.string(), z.unknown()).describe('Held-out ROC AUC, PR AUC, log loss, ...'),
  readiness: readinessSchema,
});

export const predictiveListSchema = z.object({
  active: z.number().int().nullable(),
  items: z.array(predictiveSummarySchema),
});

export const predictiveVersionSchema = predictiveSummarySchema.extend({
  report: z.record(z.string(), z.unknown()).describe('The training report'),
  bands: z
    .array(z.object({ band: z.string(), min: z.number() }))
    .describe('Lowest probability of each band'),
  roc: z
    .array(z.object({ fpr: z.number(), tpr: z.number() }))
    .optional()
    .describe('Held-out ROC curve, as the training job answered (absent for older versions)'),
  lift: z
    .array(z.object({ fraction: z.number(), lift: z.number(), gain: z.number() }))
    .optional()
    .describe('Held-out lift by share of leads, as the training job answered'),
});

export const activateRequestSchema = z
  .object({
    override: z
      .boolean()
      .optional()
      .describe('Activate a version graded poor anyway (refused with 409 otherwise)'),
  })
  .strict();

export const predictiveActiveSchema = z.object({ active: z.number().int().nullable() });

export type Prediction = z.infer<typeof predictionSchema>;
export type PredictiveList = z.infer<typeof predictiveListSchema>;

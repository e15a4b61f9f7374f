// What an artifact keeps of the data it was trained on so that drift can be measured later: the
// bins (training-time deciles, or a categorical column's levels) and each bin's share, for the
// predicted probability and for the most influential columns.
import { z } from 'zod';
import { binningSchema } from './psi.js';

const distributionSchema = z.strictObject({
  binning: binningSchema,
  shares: z.array(z.number().min(0).max(1)),
});

export const driftBaselineSchema = z.strictObject({
  /** The leads (labelled or not) the distributions were taken over. */
  rows: z.number().int(),
  probability: distributionSchema,
  /** Up to DRIFT_FEATURES columns, the most influential first. */
  features: z.array(distributionSchema.extend({ column: z.string() })),
});

export type DriftBaseline = z.infer<typeof driftBaselineSchema>;

// What is stored for a trained predictive version: the artifact, which leads training held out
// (the only ones on which a backtest can judge it fairly), and the held-out ROC and lift curves,
// so that the version's page draws the charts shown right after training.
import { z } from 'zod';
import { artifactSchema } from '../../ml/artifact-schema.js';

export const predictiveDocumentSchema = z.object({
  artifact: artifactSchema,
  heldOutLeads: z.array(z.string()),
  /** Absent from versions trained before the curves were stored. */
  roc: z.array(z.object({ fpr: z.number(), tpr: z.number() })).optional(),
  lift: z.array(z.object({ fraction: z.number(), lift: z.number(), gain: z.number() })).optional(),
});

export type PredictiveDocument = z.infer<typeof predictiveDocumentSchema>;

// What is stored for a trained predictive version: the artifact, and which leads training held
// out — the only ones on which a backtest can judge it fairly.
import { z } from 'zod';
import { artifactSchema } from '../../ml/artifact-schema.js';

export const predictiveDocumentSchema = z.object({
  artifact: artifactSchema,
  heldOutLeads: z.array(z.string()),
});

export type PredictiveDocument = z.infer<typeof predictiveDocumentSchema>;

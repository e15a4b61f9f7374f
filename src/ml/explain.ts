// Scores encoded rows with a trained model: probability and each column's contribution.
import type { Artifact } from './artifact-schema.js';
import type { Matrix } from './encoding.js';
import { explainLinear } from './logistic-regression.js';
import { explainForest } from './tree-predict.js';

export interface Explained {
  /** The margin every lead starts from, in log-odds. */
  bias: number;
  probabilities: Float64Array;
  /** Per row, per encoded column, the contribution in log-odds; bias + sum = logit(probability). */
  contributions: Float64Array[];
}

export function explainModel(
  model: Artifact['model'],
  encoding: Artifact['encoding'],
  matrix: Matrix,
): Explained {
  const { bias, margins, contributions } =
    model.kind === 'lr' ? explainLinear(model, encoding, matrix) : explainForest(model, matrix);
  return { bias, probabilities: margins.map((m) => 1 / (1 + Math.exp(-m))), contributions };
}

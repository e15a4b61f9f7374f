// Scores encoded rows with a trained model: probability and each column's contribution, or the
// probability alone where no contribution is shown (band cut-offs, held-out figures), which
// skips the per-row explanation and is the same probability to the last bit.
import type { Artifact } from './artifact-schema.js';
import type { Matrix } from './encoding.js';
import { explainLinear, linearMargins } from './logistic-regression.js';
import { explainForest, forestMargins } from './tree-predict.js';

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
  return { bias, probabilities: margins.map(sigmoid), contributions };
}

/** The probabilities alone, equal to explainModel's. */
export function predictModel(
  model: Artifact['model'],
  encoding: Artifact['encoding'],
  matrix: Matrix,
): Float64Array {
  const margins =
    model.kind === 'lr' ? linearMargins(model, encoding, matrix) : forestMargins(model, matrix);
  return margins.map(sigmoid);
}

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

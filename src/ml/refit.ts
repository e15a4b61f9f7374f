// Refits a trained model on every labelled row once the held-out report is made: the saved
// model learns from all the data, the report's figures stay those of the held-out rows.
import type { Artifact } from './artifact-schema.js';
import type { Encoding } from './encoding-schema.js';
import type { Matrix } from './encoding.js';
import { BOOST_DEFAULTS, fitBoosted } from './gbdt.js';
import { fitLogistic } from './logistic-regression.js';

export interface RefitOptions {
  /** Rows the held-out model learnt from (before early stopping took its validation part). */
  trainRows: number;
  onIteration?: (iteration: number, maxIterations: number) => void;
}

/**
 * The tree count for `rows` rows: early stopping chose `trees` while learning from the
 * training rows less its validation part; more rows support proportionally more trees at the
 * same learning rate (as LightGBM's and XGBoost's users scale a tuned round count). At most the
 * cap early stopping had.
 */
export function scaledTrees(trees: number, trainRows: number, rows: number): number {
  const learnt = trainRows * (1 - BOOST_DEFAULTS.validationFraction);
  if (learnt <= 0) return trees;
  return Math.min(BOOST_DEFAULTS.maxIterations, Math.max(1, Math.round((trees * rows) / learnt)));
}

/** The same kind of model with the same settings, fitted on `matrix` (every labelled row). */
export function refitModel(
  model: Artifact['model'],
  encoding: Encoding,
  matrix: Matrix,
  labels: Uint8Array,
  options: RefitOptions,
): Artifact['model'] {
  if (model.kind === 'lr') {
    return { kind: 'lr', ...fitLogistic(encoding, matrix, labels, { c: model.c }) };
  }
  const before = model.trees.length;
  const trees = scaledTrees(before, options.trainRows, labels.length);
  const progress = options.onIteration;
  return {
    kind: 'gbdt',
    ...fitBoosted(encoding, matrix, labels, {
      learningRate: model.learningRate,
      maxLeaves: model.maxLeaves,
      minSamplesLeaf: model.minSamplesLeaf,
      l2: model.l2,
      // No validation part: the tree count is decided already.
      validationFraction: 0,
      maxIterations: trees,
      ...(progress === undefined
        ? {}
        : { onIteration: (done: number) => progress(before + done, before + trees) }),
    }),
  };
}

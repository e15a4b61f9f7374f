// Stratified, seeded k-fold cross-validation: out-of-fold margins and each fold's ROC AUC.
import { createRandom } from './prng.js';
import { rocAuc } from './metrics.js';

export const CV_FOLDS = 5;
export const CV_SEED = 18;

/**
 * Each row's fold (0..k-1): converters and non-converters are each shuffled with the seed and
 * dealt round-robin, so every fold has the overall conversion rate within one lead.
 */
export function stratifiedFolds(labels: Uint8Array, k = CV_FOLDS, seed = CV_SEED): Uint8Array {
  const random = createRandom(seed);
  const fold = new Uint8Array(labels.length);
  for (const outcome of [0, 1]) {
    const rows: number[] = [];
    labels.forEach((y, i) => y === outcome && rows.push(i));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    // Converters start where non-converters left off, so small folds stay even in size.
    const start = outcome === 0 ? 0 : rows.length;
    rows.forEach((row, r) => (fold[row] = (start + r) % k));
  }
  return fold;
}

export interface CrossValidated {
  folds: number;
  seed: number;
  /** Each row's margin from the model fitted without its fold. */
  margins: Float64Array;
  /** ROC AUC of each fold (null where a fold lacks one outcome). */
  foldAuc: (number | null)[];
}

/**
 * Fits `fit` on every fold's complement and scores the fold with the returned scorer: the
 * scorer takes row indexes and answers their margins.
 */
export function crossValidate(
  labels: Uint8Array,
  fit: (trainRows: number[]) => (rows: number[]) => Float64Array,
  k = CV_FOLDS,
  seed = CV_SEED,
): CrossValidated {
  const fold = stratifiedFolds(labels, k, seed);
  const margins = new Float64Array(labels.length);
  const foldAuc: (number | null)[] = [];
  for (let f = 0; f < k; f++) {
    const inFold: number[] = [];
    const rest: number[] = [];
    fold.forEach((g, i) => (g === f ? inFold : rest).push(i));
    const scored = fit(rest)(inFold);
    inFold.forEach((row, r) => (margins[row] = scored[r]!));
    const y = Uint8Array.from(inFold, (row) => labels[row]!);
    const converted = y.reduce((a, b) => a + b, 0);
    foldAuc.push(converted > 0 && converted < y.length ? rocAuc(y, scored) : null);
  }
  return { folds: k, seed, margins, foldAuc };
}

/** Mean and sample standard deviation of the figures that exist. */
export function spread(values: (number | null)[]): { mean: number; sd: number } | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const variance =
    present.length < 2
      ? 0
      : present.reduce((s, v) => s + (v - mean) ** 2, 0) / (present.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

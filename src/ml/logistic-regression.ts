// L2-regularised logistic regression, fitted by Newton's method with numeric features
// standardised and 0/1 indicators (one-hot levels, missing flags) left on their own scale.
// Written here because no maintained JavaScript library fits a regularised logistic regression
// well (npm's ml-logistic-regression is plain gradient descent without a penalty); this one is
// small, exact (converges to the optimum scikit-learn's lbfgs finds) and sparse-aware.
import { z } from 'zod';
import { buildDesign, type DesignMatrix } from './design-matrix.js';
import type { Encoding } from './encoding-schema.js';
import type { Matrix } from './encoding.js';
import { choleskySolve } from './linalg.js';

export const linearParamsSchema = z.strictObject({
  /** Inverse regularisation strength, as scikit-learn's C: minimises ||w||^2 / 2 + C * loss. */
  c: z.number().positive(),
  /** The margin of a lead whose every feature is at its training mean. */
  intercept: z.number(),
  /** One per feature (see featureNames), on the raw feature scale. */
  coefficients: z.array(z.number()),
  /** The training mean of each feature: a feature's contribution is coef x (value - mean). */
  means: z.array(z.number()),
});
export type LinearParams = z.infer<typeof linearParamsSchema>;

export interface LinearOptions {
  c: number;
  maxIterations: number;
}

export const LINEAR_DEFAULTS: LinearOptions = { c: 1, maxIterations: 100 };

const log1pExp = (m: number) => (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

/**
 * Feature means and the scale each feature is penalised on: the standard deviation of a numeric
 * feature (1 where it is constant), 1 for an indicator. Standardising an indicator would divide
 * by sqrt(p(1 - p)), so a rare level's raw coefficient would be barely penalised: it overfits.
 */
function moments(x: DesignMatrix): { mean: Float64Array; sd: Float64Array } {
  const sum = new Float64Array(x.features);
  const squares = new Float64Array(x.features);
  for (let k = 0; k < x.start[x.rows]!; k++) {
    const j = x.index[k]!;
    sum[j]! += x.value[k]!;
    squares[j]! += x.value[k]! ** 2;
  }
  const mean = sum.map((s) => s / x.rows);
  const sd = squares.map((s, j) => {
    if (x.indicator[j] === 1) return 1;
    const variance = s / x.rows - mean[j]! ** 2;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { mean, sd };
}

export function fitLogistic(
  encoding: Encoding,
  matrix: Matrix,
  labels: Uint8Array,
  options: Partial<LinearOptions> = {},
): LinearParams {
  const { c, maxIterations } = { ...LINEAR_DEFAULTS, ...options };
  const x = buildDesign(encoding, matrix);
  const { mean, sd } = moments(x);
  const p = x.features;
  const n = x.rows;
  // theta[0] is the intercept (not penalised), theta[1 + j] coefficient j on its penalised
  // scale (times sd[j]).
  let theta = new Float64Array(p + 1);
  // Start from the base rate: one Newton step fewer.
  const rate = Math.min(Math.max(labels.reduce((a, b) => a + b, 0) / n, 1e-6), 1 - 1e-6);
  theta[0] = Math.log(rate / (1 - rate));
  const margins = new Float64Array(n);
  const computeMargins = (t: Float64Array) => {
    let shift = t[0]!;
    for (let j = 0; j < p; j++) shift -= (t[j + 1]! * mean[j]!) / sd[j]!;
    for (let i = 0; i < n; i++) {
      let m = shift;
      for (let k = x.start[i]!; k < x.start[i + 1]!; k++) {
        const j = x.index[k]!;
        m += (t[j + 1]! * x.value[k]!) / sd[j]!;
      }
      margins[i] = m;
    }
  };
  const objective = (t: Float64Array) => {
    computeMargins(t);
    let loss = 0;
    for (let i = 0; i < n; i++) loss += log1pExp(margins[i]!) - labels[i]! * margins[i]!;
    let penalty = 0;
    for (let j = 1; j <= p; j++) penalty += t[j]! ** 2;
    return penalty / 2 + c * loss;
  };
  let current = objective(theta);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const sxx = new Float64Array(p * p);
    const swx = new Float64Array(p);
    const srx = new Float64Array(p);
    let sw = 0;
    let sr = 0;
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(margins[i]!);
      const w = prob * (1 - prob);
      const r = prob - labels[i]!;
      sw += w;
      sr += r;
      const end = x.start[i + 1]!;
      for (let k = x.start[i]!; k < end; k++) {
        const j = x.index[k]!;
        const v = x.value[k]!;
        swx[j]! += w * v;
        srx[j]! += r * v;
        const row = j * p;
        const wv = w * v;
        // A row's features come in increasing index order: fill the lower triangle only.
        for (let l = x.start[i]!; l <= k; l++) sxx[row + x.index[l]!]! += wv * x.value[l]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) sxx[j * p + k] = sxx[k * p + j]!;
    const size = p + 1;
    const hessian = new Float64Array(size * size);
    const gradient = new Float64Array(size);
    hessian[0] = c * sw;
    gradient[0] = c * sr;
    for (let j = 0; j < p; j++) {
      const a = (c / sd[j]!) * (swx[j]! - mean[j]! * sw);
      hessian[j + 1] = a;
      hessian[(j + 1) * size] = a;
      gradient[j + 1] = theta[j + 1]! + (c / sd[j]!) * (srx[j]! - mean[j]! * sr);
      for (let k = 0; k < p; k++) {
        const centred =
          sxx[j * p + k]! - mean[j]! * swx[k]! - mean[k]! * swx[j]! + mean[j]! * mean[k]! * sw;
        hessian[(j + 1) * size + k + 1] = (c * centred) / (sd[j]! * sd[k]!) + (j === k ? 1 : 0);
      }
    }
    const step = choleskySolve(hessian, gradient, size);
    let scale = 1;
    let next = theta;
    let value = current;
    for (let halvings = 0; halvings < 30; halvings++) {
      next = theta.map((t, j) => t - scale * step[j]!);
      value = objective(next);
      if (value <= current) break;
      scale /= 2;
    }
    const moved = step.reduce((m, s) => Math.max(m, Math.abs(s * scale)), 0);
    const improved = current - value;
    theta = next;
    current = value;
    // Newton converges quadratically: a step this small leaves an error far below it.
    if (moved < 1e-5 || improved < 1e-10 * Math.max(1, Math.abs(current))) break;
  }
  return {
    c,
    intercept: theta[0]!,
    coefficients: Array.from({ length: p }, (_, j) => theta[j + 1]! / sd[j]!),
    means: Array.from(mean),
  };
}

/** Per row: the margin, and each encoded column's contribution to it (they sum with the bias). */
export function explainLinear(
  params: LinearParams,
  encoding: Encoding,
  matrix: Matrix,
): { bias: number; margins: Float64Array; contributions: Float64Array[] } {
  const contributions: Float64Array[] = [];
  const margins = linearPass(params, encoding, matrix, (row) => contributions.push(row));
  return { bias: params.intercept, margins, contributions };
}

/** Per row, the margin alone: the same sums as explainLinear's, to the last bit. */
export function linearMargins(
  params: LinearParams,
  encoding: Encoding,
  matrix: Matrix,
): Float64Array {
  return linearPass(params, encoding, matrix);
}

/**
 * The margins, summed over per-column contributions in one fixed order so that explained and
 * unexplained predictions agree exactly; `keep` receives each row's contributions, and without
 * it one scratch row serves every row.
 */
function linearPass(
  params: LinearParams,
  encoding: Encoding,
  matrix: Matrix,
  keep?: (row: Float64Array) => void,
): Float64Array {
  const x = buildDesign(encoding, matrix);
  const columns = encoding.columns.length;
  // A feature absent from a row (zero) still contributes coef x (0 - mean).
  const atZero = new Float64Array(columns);
  for (let j = 0; j < x.features; j++) {
    atZero[x.source[j]!]! -= params.coefficients[j]! * params.means[j]!;
  }
  const margins = new Float64Array(x.rows);
  const scratch = new Float64Array(columns);
  for (let i = 0; i < x.rows; i++) {
    const row = keep === undefined ? scratch : new Float64Array(columns);
    row.set(atZero);
    for (let k = x.start[i]!; k < x.start[i + 1]!; k++) {
      row[x.source[x.index[k]!]!]! += params.coefficients[x.index[k]!]! * x.value[k]!;
    }
    margins[i] = row.reduce((a, b) => a + b, params.intercept);
    keep?.(row);
  }
  return margins;
}

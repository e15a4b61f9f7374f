// Platt scaling: probabilities recalibrated as sigmoid(slope x margin + intercept), fitted on
// out-of-fold margins, and folded into the model so predictions and explanations stay one sum.
import { z } from 'zod';
import type { BoostedParams } from './gbdt.js';
import type { LinearParams } from './logistic-regression.js';

/**
 * Platt rather than isotonic: isotonic regression on a few hundred out-of-fold rows is a step
 * function whose end steps are often exactly 0 or 1 (near-certainty from a handful of leads);
 * two parameters with Platt's smoothed targets cannot overfit that way and keep the ranking.
 */
export const calibrationSchema = z.strictObject({
  method: z.literal('platt'),
  slope: z.number(),
  intercept: z.number(),
  /** Out-of-fold rows it was fitted on. */
  rows: z.number().int(),
});
export type Calibration = z.infer<typeof calibrationSchema>;

/**
 * The least slope kept: a model that ranks no better than chance out of fold is flattened
 * towards the base rate, not turned upside down.
 */
export const MIN_SLOPE = 0.01;

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

/** Fits slope and intercept by Newton's method on Platt's smoothed targets. */
export function fitPlatt(margins: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const n = margins.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (n - positives + 2);
  const target = (i: number) => (labels[i] ? high : low);
  const loss = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a * margins[i]! + b;
      // log(1 + e^z) - t z, written to stay finite for large |z|.
      sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - target(i) * z;
    }
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the log loss; a tiny ridge keeps the Hessian invertible.
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const m = margins[i]!;
      const p = sigmoid(a * m + b);
      const d = p - target(i);
      const w = p * (1 - p);
      ga += d * m;
      gb += d;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Damped: halve the Newton step until the loss falls (a full step can overshoot).
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const improved = current - next;
    current = next;
    if (improved < 1e-12 * Math.max(1, current)) break;
  }
  if (a < MIN_SLOPE) {
    a = MIN_SLOPE;
    b = interceptFor(a, margins, positives);
  }
  return { method: 'platt', slope: a, intercept: b, rows: n };
}

/** With the slope fixed, the intercept whose mean probability is the observed rate. */
function interceptFor(a: number, margins: ArrayLike<number>, positives: number): number {
  const n = margins.length;
  const rate = (positives + 1) / (n + 2);
  let lo = -50;
  let hi = 50;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += sigmoid(a * margins[i]! + mid);
    if (mean / n < rate) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The artifact's model (named here, not imported, so the artifact schema can import this). */
type Model = ({ kind: 'lr' } & LinearParams) | ({ kind: 'gbdt' } & BoostedParams);

/** A probability as calibration maps it. */
export function calibrate(calibration: Calibration, probability: number): number {
  const p = Math.min(1 - 1e-15, Math.max(1e-15, probability));
  return sigmoid(calibration.slope * Math.log(p / (1 - p)) + calibration.intercept);
}

/**
 * The model whose margin is slope x margin + intercept: a linear model's coefficients and
 * intercept scaled, a forest's base score and every node value (path contributions are node
 * value changes), so each contribution scales by the slope and still sums to the margin.
 */
export function foldCalibration<M extends Model>(model: M, calibration: Calibration): M {
  const { slope, intercept } = calibration;
  if (model.kind === 'lr') {
    return {
      ...model,
      intercept: slope * model.intercept + intercept,
      coefficients: model.coefficients.map((c) => slope * c),
    };
  }
  return {
    ...model,
    baseScore: slope * model.baseScore + intercept,
    trees: model.trees.map((tree) => tree.map((node) => ({ ...node, value: slope * node.value }))),
  };
}

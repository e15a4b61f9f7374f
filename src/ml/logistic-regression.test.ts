// The logistic regression recovers a known true model, and its contributions add up.
import { describe, expect, it } from 'vitest';
import { logisticLeads, TRUE_LOGISTIC } from '../../test/ml-synthetic.js';
import { buildDesign, featureNames } from './design-matrix.js';
import { encodeRows, fitEncoding } from './encoding.js';
import { explainLinear, fitLogistic } from './logistic-regression.js';

function prepare(n: number, seed: number, missingX2 = 0) {
  const s = logisticLeads(n, seed, missingX2);
  const names = ['x1', 'x2', 'segment'];
  const positions = [1, 2, 3];
  const { encoding } = fitEncoding(
    names,
    positions.map((c) => s.dataset.rows.map((r) => r[c]!)),
  );
  return { s, encoding, matrix: encodeRows(encoding, s.dataset.rows, positions) };
}

describe('fitLogistic', () => {
  it('recovers the coefficients of the true model', () => {
    const { s, encoding, matrix } = prepare(30_000, 1);
    const params = fitLogistic(encoding, matrix, s.labels);
    const coef = new Map(featureNames(encoding).map((name, j) => [name, params.coefficients[j]!]));
    const t = TRUE_LOGISTIC;
    expect(coef.get('x1')).toBeCloseTo(t.x1, 1);
    expect(coef.get('x2')).toBeCloseTo(t.x2, 1);
    // One-hot levels are identified up to a shared shift: compare differences from level a.
    const a = coef.get('segment=a')!;
    expect(coef.get('segment=b')! - a).toBeCloseTo(t.b, 1);
    expect(coef.get('segment=c')! - a).toBeCloseTo(t.c, 1);
    // Levels never seen in training stay at zero under the penalty.
    expect(coef.get('segment=(other)')).toBe(0);
    const { margins } = explainLinear(params, encoding, matrix);
    const mean = margins.reduce((sum, m) => sum + m, 0) / margins.length;
    const trueMean = s.truth.reduce((sum, p) => sum + Math.log(p / (1 - p)), 0) / s.truth.length;
    expect(mean).toBeCloseTo(trueMean, 1);
  });

  it("reaches the optimum of scikit-learn's objective: ||w||^2 / 2 + C x log loss, numbers standardised, indicators not", () => {
    const { s, encoding, matrix } = prepare(5_000, 4, 0.1);
    const c = 0.05;
    const params = fitLogistic(encoding, matrix, s.labels, { c });
    const { margins } = explainLinear(params, encoding, matrix);
    const residual = Array.from(margins, (m, i) => 1 / (1 + Math.exp(-m)) - s.labels[i]!);
    // The intercept is free: the mean prediction equals the conversion rate.
    expect(residual.reduce((a, b) => a + b, 0) / residual.length).toBeCloseTo(0, 8);
    // Each penalised coefficient b_j = w_j s_j is -C times its loss gradient, i.e.
    // w_j s_j^2 + C sum_i r_i (x_ij - mean_j) = 0, where s_j is a number's standard deviation
    // and 1 for a one-hot level or a missing flag (penalised on their own 0/1 scale).
    const x = buildDesign(encoding, matrix);
    const dense = Array.from({ length: x.features }, () => new Float64Array(x.rows));
    for (let i = 0; i < x.rows; i++) {
      for (let k = x.start[i]!; k < x.start[i + 1]!; k++) dense[x.index[k]!]![i] = x.value[k]!;
    }
    dense.forEach((column, j) => {
      const mean = column.reduce((a, b) => a + b, 0) / x.rows;
      const variance = column.reduce((a, v) => a + (v - mean) ** 2, 0) / x.rows;
      if (variance < 1e-12) return;
      const scale = x.indicator[j] === 1 ? 1 : variance;
      const gradient = column.reduce((a, v, i) => a + residual[i]! * (v - mean), 0);
      expect(params.coefficients[j]! * scale + c * gradient).toBeCloseTo(0, 5);
    });
  });

  it('shrinks coefficients towards zero as C falls', () => {
    const { s, encoding, matrix } = prepare(2_000, 2);
    const loose = fitLogistic(encoding, matrix, s.labels, { c: 1 });
    const tight = fitLogistic(encoding, matrix, s.labels, { c: 1e-4 });
    expect(Math.abs(tight.coefficients[0]!)).toBeLessThan(Math.abs(loose.coefficients[0]!) / 5);
  });

  it('explains each margin: bias plus column contributions, with a missing indicator', () => {
    const { s, encoding, matrix } = prepare(3_000, 3, 0.2);
    expect(featureNames(encoding)).toContain('x2=(missing)');
    const params = fitLogistic(encoding, matrix, s.labels);
    const { bias, margins, contributions } = explainLinear(params, encoding, matrix);
    for (let i = 0; i < 50; i++) {
      const sum = contributions[i]!.reduce((a, b) => a + b, bias);
      expect(sum).toBeCloseTo(margins[i]!, 10);
    }
    expect(bias).toBe(params.intercept);
  });
});

// Gradient-boosted trees: near the Bayes AUC on a known model, a nonlinear rule found, bins,
// and exact path contributions that add up to the margin.
import { describe, expect, it } from 'vitest';
import { logisticLeads, ruleLeads, type Synthetic } from '../../test/ml-synthetic.js';
import { encodeRows, fitEncoding } from './encoding.js';
import { binMatrix, MAX_BINS } from './gbdt-bins.js';
import { fitBoosted } from './gbdt.js';
import { fitLogistic, explainLinear } from './logistic-regression.js';
import { rocAuc } from './metrics.js';
import { explainForest, forestMargins } from './tree-predict.js';

const POSITIONS = [1, 2, 3];

function encode(train: Synthetic, ...others: Synthetic[]) {
  const { encoding } = fitEncoding(
    ['x1', 'x2', 'segment'],
    POSITIONS.map((c) => train.dataset.rows.map((r) => r[c]!)),
  );
  const matrices = [train, ...others].map((s) => encodeRows(encoding, s.dataset.rows, POSITIONS));
  return { encoding, matrices };
}

describe('fitBoosted', () => {
  it('fits exact duplicates as one weighted row: the same trees as every copy fitted', () => {
    const train = logisticLeads(2_000, 31);
    const { encoding, matrices } = encode(train);
    // Every row three times, and a few rows ten times more.
    const copies = [...Array(3).keys()].flatMap(() => [...train.labels.keys()]);
    for (let i = 0; i < 50; i++) for (let k = 0; k < 10; k++) copies.push(i * 7);
    const matrix = matrices[0]!.map((column) => Float64Array.from(copies, (i) => column[i]!));
    const labels = Uint8Array.from(copies, (i) => train.labels[i]!);
    const options = { validationFraction: 0, maxIterations: 25 };
    const weighted = fitBoosted(encoding, matrix, labels, options);
    const everyCopy = fitBoosted(encoding, matrix, labels, {
      ...options,
      collapseDuplicates: false,
    });
    expect(weighted.baseScore).toBeCloseTo(everyCopy.baseScore, 12);
    expect(weighted.trees.map((t) => t.length)).toEqual(everyCopy.trees.map((t) => t.length));
    const a = forestMargins(weighted, matrices[0]!);
    const b = forestMargins(everyCopy, matrices[0]!);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 9);
  });

  it('comes near the Bayes AUC of a known logistic model', () => {
    const train = logisticLeads(10_000, 11);
    const test = logisticLeads(10_000, 12);
    const { encoding, matrices } = encode(train, test);
    const params = fitBoosted(encoding, matrices[0]!, train.labels);
    const auc = rocAuc(test.labels, forestMargins(params, matrices[1]!));
    const bayes = rocAuc(test.labels, test.truth);
    expect(auc).toBeGreaterThan(bayes - 0.015);
    expect(params.trees.length).toBeGreaterThan(5);
  });

  it('finds a nonlinear rule that a linear model cannot', () => {
    const train = ruleLeads(8_000, 21);
    const test = ruleLeads(8_000, 22);
    const { encoding, matrices } = encode(train, test);
    const trees = rocAuc(
      test.labels,
      forestMargins(fitBoosted(encoding, matrices[0]!, train.labels), matrices[1]!),
    );
    const linear = rocAuc(
      test.labels,
      explainLinear(fitLogistic(encoding, matrices[0]!, train.labels), encoding, matrices[1]!)
        .margins,
    );
    const bayes = rocAuc(test.labels, test.truth);
    expect(trees).toBeGreaterThan(bayes - 0.01);
    expect(linear).toBeLessThan(bayes - 0.1);
  });

  it('path contributions plus the bias equal the margin, missing values included', () => {
    const train = logisticLeads(4_000, 31, 0.2);
    const { encoding, matrices } = encode(train);
    const params = fitBoosted(encoding, matrices[0]!, train.labels, { maxIterations: 40 });
    const { bias, margins, contributions } = explainForest(params, matrices[0]!);
    const direct = forestMargins(params, matrices[0]!);
    for (let i = 0; i < direct.length; i++) {
      expect(margins[i]).toBeCloseTo(direct[i]!, 10);
      expect(contributions[i]!.reduce((a, b) => a + b, bias)).toBeCloseTo(direct[i]!, 10);
    }
    // Missing x2 goes one way at each split on x2: those leads still get x2 contributions.
    const missing = Array.from(matrices[0]![1]!.keys()).filter((i) =>
      Number.isNaN(matrices[0]![1]![i]),
    );
    expect(missing.some((i) => contributions[i]![1] !== 0)).toBe(true);
  });

  it('bins a numeric column into at most 255 bins, missing values in bin 0', () => {
    const values = Float64Array.from({ length: 5_000 }, (_, i) => (i % 7 === 0 ? NaN : i * 1.5));
    const binned = binMatrix(
      { columns: [{ name: 'v', type: 'numeric', mean: 0, missing: true }] },
      [values],
    );
    expect(binned.sizes[0]).toBeLessThanOrEqual(MAX_BINS);
    const bins = binned.bins[0]!;
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i])) expect(bins[i]).toBe(0);
      else expect(bins[i]).toBeGreaterThan(0);
      if (i > 0 && !Number.isNaN(values[i]) && !Number.isNaN(values[i - 1])) {
        expect(bins[i]).toBeGreaterThanOrEqual(bins[i - 1]!);
      }
    }
  });
});

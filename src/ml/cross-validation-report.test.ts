// Small data kept honest: 45 + 45 leads of weak signal give cross-validated figures with their
// spread and calibrated probabilities that never claim near-certainty.
import { describe, expect, it } from 'vitest';
import { logisticLeads } from '../../test/ml-synthetic.js';
import { predictRows } from './predict.js';
import { createRandom } from './prng.js';
import type { Dataset } from './read-dataset.js';
import { formatReport } from './report-text.js';
import { SMALL_DATA_ROWS } from './cross-validation-report.js';
import { trainModel } from './train.js';

/** 45 converted and 45 not; x1 shifts a little with the outcome, the rest is noise. */
function weakLeads(seed: number): Dataset {
  const random = createRandom(seed);
  const rows = Array.from({ length: 90 }, (_, i) => {
    const y = i % 2;
    const noise = Array.from({ length: 6 }, () => random.normal().toFixed(3));
    const level = ['a', 'b', 'c', 'd'][Math.floor(random.next() * 4)]!;
    return [`L${i}`, (random.normal() + 0.4 * y).toFixed(3), ...noise, level, y ? 'yes' : 'no'];
  });
  const columns = ['id', 'x1', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'level', 'converted'];
  return {
    source: 'weak.csv',
    columns,
    rows,
    lines: rows.map((_, i) => i + 2),
    rejects: [],
    order: rows.map((_, i) => ({ row: i })),
  };
}

describe('small data', () => {
  for (const kind of ['lr', 'gbdt'] as const) {
    it(`${kind}: no probability near 0 or 1 and the ROC AUC carries its spread`, () => {
      const dataset = weakLeads(7);
      const artifact = trainModel(dataset, { target: 'converted', kind });
      const probabilities = predictRows(artifact, dataset, 0).map((p) => p.probability);
      expect(Math.min(...probabilities)).toBeGreaterThan(0.02);
      expect(Math.max(...probabilities)).toBeLessThan(0.98);
      const cv = artifact.report.crossValidation!;
      expect(cv).toMatchObject({ folds: 5, rows: 90, converted: 45 });
      expect(cv.rocAuc.folds).toHaveLength(5);
      expect(cv.rocAuc.sd).toBeGreaterThan(0);
      expect(artifact.report.metrics.rocAuc).toBeCloseTo(cv.rocAuc.mean, 12);
      expect(artifact.report.calibrated?.method).toBe('platt');
      expect(artifact.report.readiness?.basis).toBe('cross-validated');
      expect(formatReport(artifact)).toMatch(
        /ROC AUC\s+0\.\d{4} ± 0\.\d{4} \(5-fold cross-validated/,
      );
    });
  }

  it('is reproducible: the same data give the same figures', () => {
    const a = trainModel(weakLeads(3), { target: 'converted', kind: 'lr' });
    const b = trainModel(weakLeads(3), { target: 'converted', kind: 'lr' });
    expect(a.report).toEqual(b.report);
  });

  it('explanations still sum to the calibrated probability', () => {
    const dataset = weakLeads(11);
    const artifact = trainModel(dataset, { target: 'converted', kind: 'gbdt' });
    const explained = predictRows(artifact, dataset, 99);
    const plain = predictRows(artifact, dataset, 0);
    explained.forEach((p, i) => expect(p.probability).toBeCloseTo(plain[i]!.probability, 12));
  });

  it('a strong signal keeps a good grade and a wide range of probabilities', () => {
    const { dataset } = logisticLeads(600, 5);
    const artifact = trainModel(dataset, { target: 'converted', kind: 'lr' });
    expect(artifact.report.readiness?.grade).toMatch(/good|excellent/);
    const probabilities = predictRows(artifact, dataset, 0).map((p) => p.probability);
    expect(Math.max(...probabilities) - Math.min(...probabilities)).toBeGreaterThan(0.8);
  });

  it(`at ${SMALL_DATA_ROWS} labelled rows and more: held-out figures, uncalibrated, graded`, () => {
    const { dataset } = logisticLeads(SMALL_DATA_ROWS, 9);
    const artifact = trainModel(dataset, { target: 'converted', kind: 'lr' });
    expect(artifact.report.crossValidation).toBeUndefined();
    expect(artifact.report.calibrated).toBeUndefined();
    expect(artifact.report.readiness).toMatchObject({
      basis: 'held-out',
      rocAuc: artifact.report.metrics.rocAuc,
    });
  });
});

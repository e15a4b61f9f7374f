// Metrics against values computed by hand (and scikit-learn's definitions).
import { describe, expect, it } from 'vitest';
import { averagePrecision, brier, calibrationTable, lift, logLoss, rocAuc } from './metrics.js';

const y = (...v: number[]) => Uint8Array.from(v);

describe('metrics', () => {
  it('ROC AUC counts a tied converter / non-converter pair as half', () => {
    // Pairs (pos, neg): (.8,.8) tie 0.5, (.8,.1) 1, (.3,.8) 0, (.3,.1) 1 -> 2.5 / 4.
    expect(rocAuc(y(1, 0, 1, 0), [0.8, 0.8, 0.3, 0.1])).toBeCloseTo(0.625, 12);
    expect(rocAuc(y(1, 1, 0, 0), [0.9, 0.8, 0.2, 0.1])).toBe(1);
    expect(rocAuc(y(1, 0, 1, 0), [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc(y(0, 0), [0.1, 0.2])).toBeNaN();
  });

  it('PR AUC is the average precision over score thresholds, ties as one threshold', () => {
    // Threshold .8: recall +.5 at precision 1/2; threshold .3: recall +.5 at precision 2/3.
    expect(averagePrecision(y(1, 0, 1, 0), [0.8, 0.8, 0.3, 0.1])).toBeCloseTo(
      0.5 / 2 + 0.5 * (2 / 3),
      12,
    );
    expect(averagePrecision(y(1, 1, 0), [0.9, 0.8, 0.1])).toBe(1);
  });

  it('log loss and Brier score', () => {
    expect(logLoss(y(1, 0), [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(logLoss(y(1), [0])).toBeCloseTo(-Math.log(1e-15), 6);
    expect(brier(y(1, 0), [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
  });

  it('lift in the top 10% takes ceil(10%) rows, ties in row order', () => {
    const labels = y(1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    const scores = [0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2];
    expect(lift(labels, scores)).toBeCloseTo(1 / 0.2, 12);
    expect(lift(labels, new Array<number>(10).fill(0.5))).toBeCloseTo(5, 12);
    expect(lift(y(0, 1, 0, 0, 0, 0, 0, 0, 0, 0), new Array<number>(10).fill(0.5))).toBe(0);
    // 11 rows: the top ceil(1.1) = 2 rows, rows 0 and 1 on a tie.
    expect(lift(y(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), new Array<number>(11).fill(0.5))).toBeCloseTo(
      5.5,
      12,
    );
  });

  it('calibration table: equal-count groups by predicted probability', () => {
    const table = calibrationTable(y(0, 1, 0, 1), [0.1, 0.9, 0.2, 0.7], 2);
    expect(table).toEqual([
      { from: 0.1, to: 0.2, count: 2, predicted: expect.closeTo(0.15, 12), observed: 0 },
      { from: 0.7, to: 0.9, count: 2, predicted: expect.closeTo(0.8, 12), observed: 1 },
    ]);
  });
});

// ROC and lift curves against hand-worked examples and the AUC they enclose.
import { describe, expect, it } from 'vitest';
import { liftCurve, rocCurve } from './curves.js';
import { rocAuc } from './metrics.js';

describe('curves', () => {
  const labels = Uint8Array.from([1, 0, 1, 0, 0, 1, 0, 0]);
  const scores = Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]);

  it('walks the ROC curve from (0,0) to (1,1), enclosing the AUC', () => {
    const roc = rocCurve(labels, scores);
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(roc[roc.length - 1]).toEqual({ fpr: 1, tpr: 1 });
    expect(roc[1]).toEqual({ fpr: 0, tpr: 1 / 3 });
    expect(roc[2]).toEqual({ fpr: 0.2, tpr: 1 / 3 });
    let area = 0;
    for (let i = 1; i < roc.length; i++)
      area += (roc[i]!.fpr - roc[i - 1]!.fpr) * ((roc[i]!.tpr + roc[i - 1]!.tpr) / 2);
    expect(area).toBeCloseTo(rocAuc(labels, scores), 12);
  });

  it('keeps ties together and thins long curves to the asked number of points', () => {
    const tied = rocCurve(Uint8Array.from([1, 0]), Float64Array.from([0.5, 0.5]));
    expect(tied).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 1, tpr: 1 },
    ]);
    const n = 1000;
    const many = rocCurve(
      Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
      Float64Array.from({ length: n }, (_, i) => n - i),
      11,
    );
    expect(many).toHaveLength(11);
    expect(many[10]).toEqual({ fpr: 1, tpr: 1 });
    expect(rocCurve(Uint8Array.from([1, 1]), Float64Array.from([1, 2]))).toEqual([]);
  });

  it('gives lift and gains by share of leads, best first', () => {
    const lift = liftCurve(labels, scores, 4);
    // Base rate 3/8. Top 2: one hit -> rate 1/2, lift 4/3; top 4: two hits; all: lift 1.
    expect(lift.map((p) => p.fraction)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(lift[0]!.lift).toBeCloseTo(4 / 3, 12);
    expect(lift[1]!.gain).toBeCloseTo(2 / 3, 12);
    expect(lift[3]).toEqual({ fraction: 1, lift: 1, gain: 1 });
  });
});

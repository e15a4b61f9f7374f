// Platt scaling: fitted slope and intercept, the floor on the slope, and folding into a model.
import { describe, expect, it } from 'vitest';
import { calibrate, fitPlatt, foldCalibration, MIN_SLOPE } from './calibration.js';
import { createRandom } from './prng.js';

describe('fitPlatt', () => {
  it('recovers an overconfident model: margins twice the true log-odds give a slope near 1/2', () => {
    const random = createRandom(1);
    const margins: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const truth = 2 * random.normal();
      margins.push(2 * truth);
      labels.push(random.next() < 1 / (1 + Math.exp(-truth)) ? 1 : 0);
    }
    const fit = fitPlatt(margins, labels);
    expect(fit.slope).toBeGreaterThan(0.45);
    expect(fit.slope).toBeLessThan(0.55);
    expect(Math.abs(fit.intercept)).toBeLessThan(0.2);
  });

  it('flattens a model that ranks worse than chance towards the base rate', () => {
    const fit = fitPlatt([3, 2, 1, -1, -2, -3], [0, 0, 1, 0, 1, 1]);
    expect(fit.slope).toBe(MIN_SLOPE);
    expect(calibrate(fit, 0.99)).toBeGreaterThan(0.4);
    expect(calibrate(fit, 0.99)).toBeLessThan(0.6);
  });
});

describe('foldCalibration', () => {
  const platt = { method: 'platt' as const, slope: 0.5, intercept: -0.25, rows: 10 };
  it('scales a linear model and every node of a forest', () => {
    const lr = { kind: 'lr' as const, c: 1, intercept: 1, coefficients: [2, -4], means: [0, 1] };
    expect(foldCalibration(lr, platt)).toMatchObject({ intercept: 0.25, coefficients: [1, -2] });
    const gbdt = {
      kind: 'gbdt' as const,
      learningRate: 0.1,
      maxLeaves: 2,
      minSamplesLeaf: 1,
      l2: 1,
      baseScore: 2,
      trees: [
        [{ value: 0, column: 0, threshold: 1, left: 1, right: 2 }, { value: 2 }, { value: -2 }],
      ],
    };
    const folded = foldCalibration(gbdt, platt);
    expect(folded.baseScore).toBe(0.75);
    expect(folded.trees[0]!.map((n) => n.value)).toEqual([0, 1, -1]);
  });
});

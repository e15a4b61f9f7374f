// Quantile bins: equal-sized ranges, ties never split, missing values in no range.
import { describe, expect, it } from 'vitest';
import { quantileBins, quantileEdges } from './quantile-bins.js';

describe('quantileBins', () => {
  it('cuts distinct values into equal-sized bins', () => {
    const { bin, ranges } = quantileBins([8, 1, 2, 7, 3, 4, 6, 5], 4);
    expect(ranges).toEqual([
      { min: 1, max: 2 },
      { min: 3, max: 4 },
      { min: 5, max: 6 },
      { min: 7, max: 8 },
    ]);
    expect([...bin]).toEqual([3, 0, 0, 3, 1, 1, 2, 2]);
  });

  it('never splits equal values: a tie spanning several quantiles makes one larger bin', () => {
    // Sorted: 1 x6, 2, 3, 4, 5. Quartile positions ceil(k*10/4)-1 = 2, 4, 7 hold 1, 1, 3:
    // edges 1 and 3, so bins <= 1 (six values), 2..3, and 4..5.
    const values = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5];
    expect(quantileEdges(values, 4)).toEqual([1, 3]);
    const { bin, ranges } = quantileBins(values, 4);
    expect(ranges).toEqual([
      { min: 1, max: 1 },
      { min: 2, max: 3 },
      { min: 4, max: 5 },
    ]);
    expect([...bin]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 2, 2]);
  });

  it('puts missing values (NaN) in no range: bin -1', () => {
    const { bin, ranges } = quantileBins([3, NaN, 1, NaN, 2, 4], 2);
    expect(ranges).toEqual([
      { min: 1, max: 2 },
      { min: 3, max: 4 },
    ]);
    expect([...bin]).toEqual([1, -1, 0, -1, 0, 1]);
  });

  it('gives one bin for a constant column and none when every value is missing', () => {
    expect(quantileBins([7, 7, 7], 10).ranges).toEqual([{ min: 7, max: 7 }]);
    const empty = quantileBins([NaN, NaN], 10);
    expect(empty.ranges).toEqual([]);
    expect([...empty.bin]).toEqual([-1, -1]);
  });
});

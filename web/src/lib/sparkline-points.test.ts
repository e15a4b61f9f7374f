// Sparkline scaling: edges, flat trends, single points and direction.
import { describe, expect, it } from 'vitest';
import { sparklinePoints, trendDirection } from './sparkline-points';

const box = { width: 100, height: 20, pad: 2 };

describe('sparklinePoints', () => {
  it('maps the lowest value to the bottom and the highest to the top, left to right', () => {
    expect(sparklinePoints([10, 30, 20], box)).toEqual([
      [2, 18],
      [50, 2],
      [98, 10],
    ]);
  });

  it('draws a flat trend through the middle', () => {
    expect(sparklinePoints([5, 5], box)).toEqual([
      [2, 10],
      [98, 10],
    ]);
  });

  it('centres a single point and skips values that are not numbers', () => {
    expect(sparklinePoints([Number.NaN, 7], box)).toEqual([[50, 10]]);
    expect(sparklinePoints([], box)).toEqual([]);
  });
});

describe('trendDirection', () => {
  it('compares the last score with the first', () => {
    expect(trendDirection([1, 9])).toBe('up');
    expect(trendDirection([9, 1])).toBe('down');
    expect(trendDirection([3, 3.2])).toBe('flat');
    expect(trendDirection([3])).toBe('flat');
  });
});

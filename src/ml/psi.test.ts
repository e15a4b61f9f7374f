// The population stability index: decile bins, shares, and the PSI of known distributions.
import { describe, expect, it } from 'vitest';
import { binOf, binShares, decileEdges, psi, PSI_EPSILON, PSI_WARNING } from './psi.js';
import { createRandom } from './prng.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('psi', () => {
  it('cuts ten equal bins at the deciles and puts missing values in a bin of their own', () => {
    const edges = decileEdges(range(100));
    expect(edges).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const binning = { type: 'numeric' as const, edges };
    expect(binShares(binning, range(100))).toEqual([
      0.11, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.09, 0,
    ]);
    expect(binOf(binning, NaN)).toBe(10);
    expect(binOf(binning, -5)).toBe(0);
    expect(binOf(binning, 1000)).toBe(9);
  });

  it('merges tied deciles, so a mostly constant column has few bins', () => {
    expect(decileEdges([0, 0, 0, 0, 0, 0, 0, 0, 1, 2])).toEqual([0, 1]);
    expect(decileEdges([3, 3, 3])).toEqual([]);
    expect(decileEdges([NaN])).toEqual([]);
  });

  it('is zero for the same shares and follows the formula with epsilon for empty bins', () => {
    expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(
      -0.25 * Math.log(0.5) + 0.25 * Math.log(1.5),
      12,
    );
    expect(psi([1, 0], [0.5, 0.5])).toBeCloseTo(
      -0.5 * Math.log(0.5) + (0.5 - PSI_EPSILON) * Math.log(0.5 / PSI_EPSILON),
      12,
    );
    expect(() => psi([1], [0.5, 0.5])).toThrow('1 bins at training time but 2 now');
  });

  it('stays below the warning for a fresh sample of the same population and warns after a shift', () => {
    const rng = createRandom(7);
    const sample = (shift: number) => range(2000).map(() => rng.next() + rng.next() + shift);
    const then = sample(0);
    const binning = { type: 'numeric' as const, edges: decileEdges(then) };
    const expected = binShares(binning, then);
    expect(psi(expected, binShares(binning, sample(0)))).toBeLessThan(0.05);
    expect(psi(expected, binShares(binning, sample(0.5)))).toBeGreaterThan(PSI_WARNING);
  });

  it('bins categorical level codes one per level', () => {
    const binning = { type: 'categorical' as const, levels: 3 };
    expect(binShares(binning, [0, 0, 1, 2])).toEqual([0.5, 0.25, 0.25]);
  });
});

// Bands A-D: cut-offs at the top 10%, 30% and 60% of the training probabilities.
import { describe, expect, it } from 'vitest';
import { bandOf, fitBands } from './bands.js';

describe('bands', () => {
  it('puts the top 10% in A, the next 20% in B, the next 30% in C, the rest in D', () => {
    const probabilities = Array.from({ length: 100 }, (_, i) => i / 100);
    const bands = fitBands(probabilities);
    expect(bands).toEqual([
      { band: 'A', min: 0.9 },
      { band: 'B', min: 0.7 },
      { band: 'C', min: 0.4 },
      { band: 'D', min: 0 },
    ]);
    const counts = new Map<string, number>();
    for (const p of probabilities)
      counts.set(bandOf(bands, p), (counts.get(bandOf(bands, p)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ A: 10, B: 20, C: 30, D: 40 });
    expect(bandOf(bands, 0.8999)).toBe('B');
  });
});

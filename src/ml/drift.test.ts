// Drift of a trained model's population: the baseline kept at training, and the PSI against a
// population that stayed or moved.
import { describe, expect, it } from 'vitest';
import { driftBaseline, measureDrift } from './drift.js';
import type { Dataset } from './read-dataset.js';
import { trainModel } from './train.js';

/** Seniority and visits raise the odds; `senior` is the share of seniors. */
function leads(n: number, senior: number, seed: number): Dataset {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: n }, () => {
    const vp = next() < senior;
    const visits = Math.floor(next() * 10);
    const p = 1 / (1 + Math.exp(-(-2 + (vp ? 2 : 0) + visits * 0.2)));
    return [vp ? 'VP' : 'Analyst', String(visits), next() < p ? 'yes' : 'no'];
  });
  return {
    source: 'leads.csv',
    columns: ['title', 'visits', 'converted'],
    rows,
    lines: rows.map((_, i) => i + 2),
    rejects: [],
    order: rows.map((_, i) => ({ row: i })),
  };
}

describe('drift', () => {
  const then = leads(1000, 0.3, 1);
  const artifact = trainModel(then, { target: 'converted', kind: 'lr' });
  const baseline = driftBaseline(artifact, then);

  it('keeps the probability deciles and the most influential columns', () => {
    expect(baseline.rows).toBe(1000);
    expect(baseline.probability.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(baseline.features.map((f) => f.column).sort()).toEqual(['title', 'visits']);
    const title = baseline.features.find((f) => f.column === 'title')!;
    expect(title.binning.type).toBe('categorical');
  });

  it('measures nothing on the same leads and little on a fresh sample of the same population', () => {
    const same = measureDrift(artifact, baseline, then);
    expect(same.probability).toEqual({ psi: 0, warning: false });
    const fresh = measureDrift(artifact, baseline, leads(1000, 0.3, 2));
    expect(fresh.probability.warning).toBe(false);
    expect(fresh.features.every((f) => !f.warning)).toBe(true);
  });

  it('warns on the probability and the column when the population moved', () => {
    const moved = measureDrift(artifact, baseline, leads(1000, 0.9, 3));
    expect(moved.rows).toBe(1000);
    expect(moved.probability.warning).toBe(true);
    const title = moved.features.find((f) => f.column === 'title')!;
    expect(title.psi).toBeGreaterThan(0.2);
    expect(title.warning).toBe(true);
    expect(moved.features.find((f) => f.column === 'visits')!.warning).toBe(false);
  });
});

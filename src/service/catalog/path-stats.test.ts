// The catalog's per-path counters: types, values by count, quantiles, and their memory bounds.
import { describe, expect, it } from 'vitest';
import { MAX_DISTINCT, MAX_SAMPLE, PathStats, quantile, TOP_VALUES } from './path-stats.js';
import { PathTable } from './path-table.js';

describe('catalog path statistics', () => {
  it('count types, order values by count then value, and take quantiles', () => {
    const s = new PathStats('x');
    for (const v of [3, 1, 2, 2, 'two', true, ['a', 'a']]) s.add(v);
    const out = s.summary(10);
    expect(out).toMatchObject({ count: 7, coverage: 0.7, types: { number: 4, string: 1 } });
    expect(out.types).toEqual({ array: 1, boolean: 1, number: 4, string: 1 });
    expect(out.values.slice(0, 2)).toEqual([
      { value: 2, count: 2 },
      { value: 'a', count: 2 },
    ]);
    expect(out.numbers).toEqual({ min: 1, max: 3, p25: 1.75, p50: 2, p75: 2.25, exact: true });
    expect(quantile([10], 0.5)).toBe(10);
  });

  it('keep at most 20 values, and stop counting new ones past the bound', () => {
    const s = new PathStats('id');
    for (let i = 0; i < MAX_DISTINCT + 10; i++) s.add(`v${i}`);
    const out = s.summary(MAX_DISTINCT + 10);
    expect(out.values).toHaveLength(TOP_VALUES);
    expect(out.valuesComplete).toBe(false);
  });

  it('sample numbers past the bound, keeping min and max exact', () => {
    const s = new PathStats('n');
    const n = MAX_SAMPLE * 3;
    for (let i = 1; i <= n; i++) s.add(i);
    const out = s.summary(n).numbers!;
    expect(out).toMatchObject({ min: 1, max: n, exact: false });
    expect(Math.abs(out.p50 - n / 2)).toBeLessThan(n * 0.05);
  });

  it('bound the paths of a section and list derived ones even when absent', () => {
    const t = new PathTable(2);
    t.ensure('email.domain', true);
    t.addRecord({ a: 1, b: { c: 'x' }, 'b.c': 'again', blank: ' ' });
    expect(t.complete).toBe(false);
    expect(t.summaries().map((p) => [p.path, p.count, p.derived ?? false])).toEqual([
      ['a', 1, false],
      ['email.domain', 0, true],
    ]);
  });
});

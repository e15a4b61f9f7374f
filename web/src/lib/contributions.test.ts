// Grouping contributions: sums per rule, largest effect first, totals equal to the score.
import { describe, expect, it } from 'vitest';
import type { Contribution } from '../api/types';
import { groupContributions, totalOf } from './contributions';

const rule = (id: string, points: number, afterCap: number, afterDecay: number, time: string) =>
  ({ kind: 'rule', id, category: 'web', points, afterCap, afterDecay, time }) as Contribution;

describe('groupContributions', () => {
  it('sums each rule over its events and orders by what reaches the score', () => {
    const groups = groupContributions([
      rule('visit', 1, 1, 0.5, '2026-01-01T00:00:00.000Z'),
      { kind: 'criterion', id: 'title', category: 'fit', points: 15, afterCap: 15, afterDecay: 15 },
      rule('visit', 1, 0, 0, '2026-01-03T00:00:00.000Z'),
    ]);
    expect(groups.map((g) => g.id)).toEqual(['title', 'visit']);
    expect(groups[1]).toMatchObject({ count: 2, points: 2, afterCap: 1, afterDecay: 0.5 });
    expect(groups[1]!.lastTime).toBe('2026-01-03T00:00:00.000Z');
  });

  it('totals what reaches the score', () => {
    expect(totalOf([rule('a', 4, 4, 1.25, 'x'), rule('b', -2, -2, -2, 'y')])).toBeCloseTo(-0.75);
  });
});

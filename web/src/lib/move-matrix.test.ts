// The what-if matrix and the capacity threshold.
import { describe, expect, it } from 'vitest';
import { moveMatrix, thresholdFor } from './move-matrix';

describe('moveMatrix', () => {
  it('orders by the candidate segments and counts the leads that move', () => {
    const m = moveMatrix(
      [
        { from: 'warm', to: 'hot', count: 3 },
        { from: 'hot', to: 'hot', count: 5 },
        { from: null, to: 'cold', count: 2 },
        { from: 'gone', to: 'warm', count: 1 },
      ],
      ['hot', 'warm', 'cold'],
    );
    expect(m.rows).toEqual(['hot', 'warm', 'gone', null]);
    expect(m.columns).toEqual(['hot', 'warm', 'cold']);
    expect(m.count('warm', 'hot')).toBe(3);
    expect(m.count('hot', 'cold')).toBe(0);
    expect(m.moved).toBe(6);
    expect(m.total).toBe(11);
  });
});

describe('thresholdFor', () => {
  const curve = [
    { threshold: 80, leadsPerWeek: 5, conversionRate: 0.4, expectedConversionsPerWeek: 2 },
    { threshold: 60, leadsPerWeek: 12, conversionRate: 0.29, expectedConversionsPerWeek: 3.5 },
    { threshold: 40, leadsPerWeek: 30, conversionRate: 0.17, expectedConversionsPerWeek: 5 },
  ];
  it('picks the lowest threshold the team can keep up with', () => {
    expect(thresholdFor(curve, 20)?.threshold).toBe(60);
    expect(thresholdFor(curve, 100)?.threshold).toBe(40);
    expect(thresholdFor(curve, 2)).toBeNull();
  });
});

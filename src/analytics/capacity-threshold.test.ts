// Capacity planning: flows and rates counted by hand, and the choice among thresholds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateThresholds,
  capacityPlan,
  capacityPoint,
  type CapacityLead,
} from './capacity-threshold.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const NOW = Date.parse('2024-06-01T00:00:00Z');

const lead = (highs: [number, number][], converted?: boolean): CapacityLead => ({
  highTimes: highs.map(([t]) => NOW - t * DAY),
  highScores: highs.map(([, s]) => s),
  ...(converted === undefined ? {} : { converted }),
});

describe('capacity threshold', () => {
  // Days ago, score. Window: the last 2 weeks.
  const leads = [
    lead(
      [
        [30, 0],
        [10, 50],
        [3, 90],
      ],
      true,
    ),
    lead(
      [
        [20, 5],
        [5, 60],
      ],
      true,
    ),
    lead(
      [
        [9, 10],
        [8, 55],
      ],
      false,
    ),
    lead(
      [
        [40, 0],
        [35, 95],
      ],
      false,
    ),
    lead([[2, 30]]),
    lead([[1, 85]]),
  ];

  it('counts the leads that first reached a threshold inside the window, per week', () => {
    const window = { from: NOW - 2 * WEEK, to: NOW };
    // Reaching 50: lead 0 at day 10, lead 1 day 5, lead 2 day 8, lead 3 day 35 (outside), lead 5 day 1.
    const at50 = capacityPoint(leads, 50, window);
    expect(at50.leadsPerWeek).toBe(4 / 2);
    // Known leads that reached 50: 0 (yes), 1 (yes), 2 (no), 3 (no).
    expect(at50.conversionRate).toBe(0.5);
    expect(at50.expectedConversionsPerWeek).toBe(1);
    // Reaching 88: lead 0 (day 3), lead 3 (day 35, outside): 1 in window; known: 0 yes, 3 no.
    expect(capacityPoint(leads, 88, window)).toEqual({
      threshold: 88,
      leadsPerWeek: 0.5,
      conversionRate: 0.5,
      expectedConversionsPerWeek: 0.25,
    });
    // Nobody known reached 100.
    expect(capacityPoint(leads, 100, window).conversionRate).toBeNull();
  });

  it('picks the fitting threshold with the most expected conversions', () => {
    const plan = capacityPlan(leads, 2, 2, NOW);
    expect(plan.curve.map((p) => p.threshold)).toEqual(
      [...plan.curve.map((p) => p.threshold)].sort((a, b) => b - a),
    );
    const fits = plan.curve.filter(
      (p) => p.leadsPerWeek <= 2 && p.expectedConversionsPerWeek !== null,
    );
    const most = Math.max(...fits.map((p) => p.expectedConversionsPerWeek!));
    expect(plan.expectedConversionsPerWeek).toBe(most);
    expect(plan.leadsPerWeek).toBeLessThanOrEqual(2);
    expect(fits.some((p) => p.threshold === plan.threshold)).toBe(true);
  });

  it('says null when no threshold fits the capacity', () => {
    const crowd = Array.from({ length: 50 }, () => lead([[1, 10]], true));
    const plan = capacityPlan(crowd, 1, 1, NOW);
    expect(plan.threshold).toBeNull();
    expect(plan.expectedConversionsPerWeek).toBe(0);
  });

  it('agrees with a brute-force count on random leads', () => {
    const highsArb = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 30 })), {
        minLength: 1,
        maxLength: 5,
      })
      .map((steps) => {
        // Later in time (fewer days ago) and rising.
        let day = 90;
        let score = -10;
        return steps.map(([dd, ds]): [number, number] => {
          day = Math.max(0, day - dd);
          score += ds;
          return [day, score];
        });
      });
    const leadArb = fc.tuple(highsArb, fc.option(fc.boolean(), { nil: undefined }));
    fc.assert(
      fc.property(
        fc.array(leadArb, { maxLength: 30 }),
        fc.integer({ min: -5, max: 120 }),
        (raw, t) => {
          const list = raw.map(([h, c]) => lead(h, c));
          const window = { from: NOW - 4 * WEEK, to: NOW };
          const got = capacityPoint(list, t, window);
          let flow = 0;
          let known = 0;
          let yes = 0;
          for (const l of list) {
            const i = l.highScores.findIndex((s) => s >= t);
            if (i < 0) continue;
            if (l.highTimes[i]! >= window.from && l.highTimes[i]! < window.to) flow++;
            if (l.converted !== undefined) {
              known++;
              if (l.converted) yes++;
            }
          }
          expect(got.leadsPerWeek).toBeCloseTo(flow / 4, 12);
          expect(got.conversionRate).toBe(known ? yes / known : null);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });

  it('tries distinct thresholds from the best scores, highest first', () => {
    expect(candidateThresholds(leads)).toEqual([95, 90, 85, 60, 55, 30]);
    expect(candidateThresholds([])).toEqual([]);
  });
});

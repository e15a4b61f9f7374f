// The hand-over report's figures, checked against a fixture computed by hand.
import { describe, expect, it } from 'vitest';
import type { LifecycleEntry } from '../../store/port.js';
import { handoverReport, percentile } from './handover-report.js';

const T = Date.UTC(2026, 4, 1);
const H = 3_600_000;
let seq = 0;

function e(
  leadId: string,
  kind: LifecycleEntry['kind'],
  at: number,
  handover: { segment: string; at: number } | null,
  fields: Partial<LifecycleEntry> = {},
): LifecycleEntry {
  return {
    seq: ++seq,
    leadId,
    kind,
    from: 'mql',
    to: 'sal',
    reason: null,
    cause: 'api',
    causeRef: null,
    actor: null,
    value: null,
    currency: null,
    at,
    handover,
    ...fields,
  };
}

describe('handoverReport', () => {
  it('counts each hand-over once with what became of it, per segment', () => {
    const hot = (at: number) => ({ segment: 'hot', at });
    const web = (at: number) => ({ segment: 'web', at });
    const entries = [
      // hot: u1 accepted after 2 h, bought twice (1000 + 500).
      e('u1', 'handed_over', T, hot(T)),
      e('u1', 'accepted', T + 2 * H, hot(T)),
      e('u1', 'converted', T + 120 * H, hot(T), { value: 1000 }),
      e('u1', 'converted', T + 200 * H, hot(T), { value: 500 }),
      // u2 accepted after 10 h; u6 after 4 h, then lost (not a conversion).
      e('u2', 'handed_over', T + H, hot(T + H)),
      e('u2', 'accepted', T + 11 * H, hot(T + H)),
      e('u6', 'handed_over', T, hot(T)),
      e('u6', 'accepted', T + 4 * H, hot(T)),
      e('u6', 'lost', T + 9 * H, hot(T), { reason: 'competitor' }),
      // u3 and u4 rejected for the same reason; u4 bought anyway (no value given).
      e('u3', 'handed_over', T + 2 * H, hot(T + 2 * H)),
      e('u3', 'rejected', T + 3 * H, hot(T + 2 * H), { reason: 'no budget' }),
      e('u4', 'handed_over', T + 3 * H, hot(T + 3 * H)),
      e('u4', 'rejected', T + 4 * H, hot(T + 3 * H), { reason: 'no budget ' }),
      e('u4', 'converted', T + 50 * H, hot(T + 3 * H)),
      // u5 not answered yet.
      e('u5', 'handed_over', T + 5 * H, hot(T + 5 * H)),
      // web: u7 rejected, reset (counted against nothing), handed over again and accepted in 1 h.
      e('u7', 'handed_over', T, web(T)),
      e('u7', 'rejected', T + H, web(T), { reason: 'not a fit' }),
      e('u7', 'reset', T + 2 * H, null, { reason: 'recycled' }),
      e('u7', 'handed_over', T + 24 * H, web(T + 24 * H)),
      e('u7', 'accepted', T + 25 * H, web(T + 24 * H)),
      e('u8', 'handed_over', T, web(T)),
      e('u8', 'rejected', T + 30 * H, web(T), { reason: 'Timing' }),
    ];
    expect(handoverReport(entries)).toEqual([
      {
        segment: 'hot',
        handedOver: 6,
        accepted: 3,
        rejected: { total: 2, byReason: { 'no budget': 2 } },
        pending: 1,
        converted: 2,
        convertedValue: 1500,
        // Waits of 2, 4 and 10 hours: the median is 4; p90 sits at rank 1.8, 4 + 0.8 × 6.
        medianHoursToAcceptance: 4,
        p90HoursToAcceptance: 8.8,
      },
      {
        segment: 'web',
        handedOver: 3,
        accepted: 1,
        rejected: { total: 2, byReason: { 'not a fit': 1, Timing: 1 } },
        pending: 0,
        converted: 0,
        convertedValue: 0,
        medianHoursToAcceptance: 1,
        p90HoursToAcceptance: 1,
      },
    ]);
  });

  it('answers no segments for no hand-overs, and null times when none was accepted', () => {
    expect(handoverReport([])).toEqual([]);
    const [only] = handoverReport([e('u1', 'handed_over', T, { segment: 's', at: T })]);
    expect(only).toMatchObject({ handedOver: 1, pending: 1, medianHoursToAcceptance: null });
  });
});

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([0, 10], 0.9)).toBe(9);
    expect(percentile([], 0.5)).toBeNull();
  });
});

// nextSegmentChange: the exact millisecond decay moves a lead to another segment, checked by
// closed forms where they exist and against dense sampling of readState everywhere else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, DAY_MS, type CompiledModel } from './compile-model.js';
import { expSum, monotonePieces, evaluate } from './exp-sum.js';
import type { ModelInput } from './model-schema.js';
import { parseModel } from './parse-model.js';
import { readState, type ScoreState } from './score-state.js';
import { nextSegmentChange } from './segment-due.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Segments: hot (score >= 50), warm (score > 20), lukewarm (score > 5), cold. */
function model(rules: { halfLifeDays?: number }[]): CompiledModel {
  const input: ModelInput = {
    name: 'due',
    engagement: {
      rules: rules.map((r, i) => ({ id: `r${i}`, event: `E${i}`, points: 1, ...r })),
    },
    segments: [
      { id: 'hot', min: 50, stage: 'bofu' },
      { id: 'warm', above: 20, stage: 'mofu' },
      { id: 'lukewarm', above: 5, stage: 'tofu' },
      { id: 'cold', stage: 'tofu' },
    ],
  };
  return compileModel(parseModel(JSON.stringify(input)));
}

/** A state whose rule i holds `values[i]` points as of `refs[i]`. */
function state(fit: number, values: number[], refs: number[]): ScoreState {
  return {
    fit,
    fitMatched: [],
    rules: values.map((value, i) => ({
      value,
      ref: refs[i] ?? T0,
      last: refs[i] ?? T0,
      used: 0,
      window: [],
    })),
    qualified: [],
    lastEventTime: Math.max(...refs, T0),
  };
}

const segmentAt = (m: CompiledModel, s: ScoreState, t: number) => readState(m, s, t).segment;

describe('nextSegmentChange', () => {
  it('finds when decaying points fall below a bound, to the millisecond of the closed form', () => {
    const m = model([{ halfLifeDays: 30 }]);
    const s = state(0, [30], [T0]);
    const due = nextSegmentChange(m, s, T0);
    // 30·2^(−t/30 d) = 20  <=>  t = 30 d · log2(1.5); "above 20" fails once the score is 20.
    const exact = T0 + 30 * DAY_MS * Math.log2(30 / 20);
    expect(due).not.toBeNull();
    expect(Math.abs(due! - exact)).toBeLessThanOrEqual(1);
    expect(segmentAt(m, s, due! - 1)).toBe('warm');
    expect(segmentAt(m, s, due!)).toBe('lukewarm');
  });

  it('finds when decaying negative points let a lead rise into a higher segment', () => {
    const m = model([{ halfLifeDays: 10 }]);
    // fit 25, −10 points: 15 (lukewarm); above 20 once −10·2^(−t/10 d) > −5, after one half-life.
    const s = state(25, [-10], [T0]);
    const due = nextSegmentChange(m, s, T0);
    expect(Math.abs(due! - (T0 + 10 * DAY_MS))).toBeLessThanOrEqual(1);
    expect(segmentAt(m, s, due! - 1)).toBe('lukewarm');
    expect(segmentAt(m, s, due!)).toBe('warm');
  });

  it('catches the first change of a score that falls and then rises again', () => {
    const m = model([{ halfLifeDays: 1 }, { halfLifeDays: 30 }]);
    // 22 + 10·2^(−t/1 d) − 8·2^(−t/30 d): 24 now, dips under 20 within days, back above 20 later.
    const s = state(22, [10, -8], [T0, T0]);
    const due = nextSegmentChange(m, s, T0)!;
    expect(segmentAt(m, s, due - 1)).toBe('warm');
    expect(segmentAt(m, s, due)).toBe('lukewarm');
    expect(due - T0).toBeLessThan(5 * DAY_MS);
    const back = nextSegmentChange(m, s, due)!;
    expect(segmentAt(m, s, back - 1)).toBe('lukewarm');
    expect(segmentAt(m, s, back)).toBe('warm');
  });

  it('answers null when nothing decays or the segment never changes', () => {
    expect(nextSegmentChange(model([{}]), state(0, [30], [T0]), T0)).toBeNull();
    // 100 points decaying toward a fit of 60 stay hot forever.
    expect(nextSegmentChange(model([{ halfLifeDays: 5 }]), state(60, [40], [T0]), T0)).toBeNull();
  });

  it('reads from the latest event when asked about an earlier moment', () => {
    const m = model([{ halfLifeDays: 30 }]);
    const s = state(0, [30], [T0 + DAY_MS]);
    const due = nextSegmentChange(m, s, T0)!;
    expect(Math.abs(due - (T0 + DAY_MS + 30 * DAY_MS * Math.log2(1.5)))).toBeLessThanOrEqual(1);
  });

  it('agrees with dense sampling of readState for random states', () => {
    const halfLives = [0.5, 3, 30, 90];
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 60 }),
        fc.array(fc.double({ min: -60, max: 80, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 20 * DAY_MS }), { minLength: 4, maxLength: 4 }),
        (fit, values, offsets) => {
          const m = model(halfLives.map((halfLifeDays) => ({ halfLifeDays })));
          const s = state(
            fit,
            values,
            offsets.map((o) => T0 + o),
          );
          const from = s.lastEventTime!;
          const due = nextSegmentChange(m, s, from, 400 * DAY_MS);
          const current = segmentAt(m, s, from);
          const end = due ?? from + 400 * DAY_MS;
          // No change at 1,500 points before the answer...
          for (let k = 0; k <= 1500; k++) {
            const t = Math.min(from + Math.floor(((end - from) * k) / 1500), end - 1);
            if (t >= from) expect(segmentAt(m, s, t)).toBe(current);
          }
          // ...and a change exactly at it.
          if (due !== null) expect(segmentAt(m, s, due)).not.toBe(current);
        },
      ),
      { seed: 7, numRuns: 150 },
    );
  });
});

describe('monotonePieces', () => {
  it('splits a sum of exponentials at its turning points', () => {
    // 5e^(−t) − 8e^(−2t) + 2e^(−3t): sample it densely and check monotonicity per piece.
    const f = expSum(1, [
      { a: 5, rate: 1 },
      { a: -8, rate: 2 },
      { a: 2, rate: 3 },
    ]);
    const pieces = monotonePieces(f, 0, 10, 1e-9);
    expect(pieces.length).toBeGreaterThan(2);
    for (let i = 0; i + 1 < pieces.length; i++) {
      const [a, b] = [pieces[i]!, pieces[i + 1]!];
      const direction = Math.sign(evaluate(f, b) - evaluate(f, a));
      let previous = evaluate(f, a);
      for (let k = 1; k <= 200; k++) {
        const value = evaluate(f, a + ((b - a) * k) / 200);
        expect(Math.sign(value - previous) * direction).toBeGreaterThanOrEqual(-1e-12);
        previous = value;
      }
    }
  });
});

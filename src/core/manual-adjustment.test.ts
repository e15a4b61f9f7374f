// Manual adjustments in the engine: counted from their time until their expiry, the same on the
// replay and the incremental path, explained with reason, author and expiry, kept by the stored
// form, and counted as they stand in the due-time search.
import { describe, expect, it } from 'vitest';
import { compileModel, DAY_MS } from './compile-model.js';
import type { Adjustment } from './manual-adjustment.js';
import { nextExpiry } from './manual-adjustment.js';
import { parseModel } from './parse-model.js';
import { scoreLead } from './score-lead.js';
import { applyEvent, initialState, readState } from './score-state.js';
import { nextSegmentChange } from './segment-due.js';
import { decodeState, encodeState } from './stored-state.js';
import { evaluateFit } from './fit.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const compiled = compileModel(
  parseModel(`
name: manual
engagement:
  halfLifeDays: 10
  rules:
    - { id: demo, event: Demo, points: 30 }
segments:
  - { id: hot, min: 50, stage: bofu }
  - { id: warm, above: 20, stage: mofu }
  - { id: cold, stage: tofu }
`),
);
const adjustments: Adjustment[] = [
  { id: 'a1', points: 25, reason: 'trade show', author: 'ann@x.io', at: T0, expiresAt: null },
  { id: 'a2', points: -5, reason: 'cooling', author: 'key', at: T0, expiresAt: T0 + DAY_MS },
];
const events = [{ event: 'Demo', time: T0, properties: {} }];

describe('manual adjustments in the engine', () => {
  it('count while active, explained, and the contributions add up to the score', () => {
    const at = (t: number) => scoreLead(compiled, {}, events, t, { explain: true, adjustments });
    const early = at(T0);
    expect(early.score).toBeCloseTo(50, 9);
    expect(early.segment).toBe('hot');
    const sum = early.contributions!.reduce((s, c) => s + c.afterDecay, 0);
    expect(sum).toBeCloseTo(early.score, 9);
    expect(early.contributions).toContainEqual(
      expect.objectContaining({ kind: 'manual', id: 'a2', reason: 'cooling', author: 'key' }),
    );
    // At its expiry instant a2 no longer counts.
    const later = at(T0 + DAY_MS);
    expect(later.contributions!.map((c) => c.id)).toEqual(['demo', 'a1']);
    expect(later.score).toBeCloseTo(30 * Math.pow(0.5, 0.1) + 25, 9);
  });

  it('reads the same from the incremental state as from the replay, and survives storage', () => {
    const fit = evaluateFit(compiled, {});
    const applied = applyEvent(compiled, initialState(compiled, fit), events[0]!);
    if (!applied.ok) throw new Error('refused');
    const state = decodeState(encodeState({ ...applied.state, manual: adjustments }));
    expect(state.manual).toEqual(adjustments);
    for (const t of [T0, T0 + DAY_MS - 1, T0 + DAY_MS, T0 + 30 * DAY_MS])
      expect(readState(compiled, state, t).score).toBeCloseTo(
        scoreLead(compiled, {}, events, t, { adjustments }).score,
        9,
      );
  });

  it('finds the segment change with the adjustments as they stand, and the next expiry', () => {
    const fit = evaluateFit(compiled, {});
    const applied = applyEvent(compiled, initialState(compiled, fit), events[0]!);
    if (!applied.ok) throw new Error('refused');
    const state = { ...applied.state, manual: adjustments };
    // 30·2^(−t/10 d) + 20 falls below 50 at once after T0 (hot needs >= 50): the first ms.
    expect(nextSegmentChange(compiled, state, T0)).toBe(T0 + 1);
    expect(nextExpiry(adjustments, T0)).toBe(T0 + DAY_MS);
    expect(nextExpiry(adjustments, T0 + DAY_MS)).toBeNull();
    // After the expiry, hot again (30·2^(−t/10 d) + 25) until 30·2^(−t/10 d) = 25.
    const due = nextSegmentChange(compiled, state, T0 + DAY_MS)!;
    expect(Math.abs(due - (T0 + 10 * DAY_MS * Math.log2(1.2)))).toBeLessThanOrEqual(1);
  });
});

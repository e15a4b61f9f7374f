// The trajectory replay against brute force: the score after every prefix of the events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile-model.js';
import type { ScoringEvent } from './event.js';
import { evaluateFit } from './fit.js';
import { parseModel } from './parse-model.js';
import { scoreLead } from './score-lead.js';
import { readState } from './score-state.js';
import { trajectory } from './trajectory.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-03-01T00:00:00Z');

const compiled = compileModel(
  parseModel(
    `name: t
fit:
  criteria:
    - { id: vp, when: { field: title, contains: VP }, points: 12 }
engagement:
  halfLifeDays: 10
  rules:
    - { id: open, event: Email Opened, points: 2 }
    - { id: download, event: Asset Downloaded, points: 9, cap: { points: 18, days: 30 } }
    - { id: unsubscribe, event: Unsubscribed, points: -15 }
segments:
  - { id: hot, min: 25, stage: bofu }
  - { id: warm, above: 10, stage: mofu }
  - { id: cold, stage: tofu }
`,
    'test.yaml',
  ),
);

const eventsArb = fc.array(
  fc.record({
    event: fc.constantFrom('Email Opened', 'Asset Downloaded', 'Unsubscribed'),
    time: fc.integer({ min: 0, max: 60 * DAY }).map((t) => T0 + t),
  }),
  { maxLength: 25 },
);

describe('trajectory', () => {
  it('holds the record highs of the score after each prefix, and the score before a moment', () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.boolean(),
        fc.integer({ min: 0, max: 70 * DAY }),
        (raw, vp, beforeOffset) => {
          const lead = { id: 'l', title: vp ? 'VP Sales' : 'Intern' };
          const events: ScoringEvent[] = raw.map((e, i) => ({ ...e, messageId: `m${i}` }));
          const fit = evaluateFit(compiled, lead);
          const before = T0 + beforeOffset;
          const got = trajectory(compiled, fit, events, T0, before);

          const ordered = [...events].sort((a, b) => a.time - b.time);
          const expected = [{ time: T0, score: scoreLead(compiled, lead, [], T0).score }];
          ordered.forEach((event, i) => {
            const score = scoreLead(compiled, lead, ordered.slice(0, i + 1), event.time).score;
            if (score > expected[expected.length - 1]!.score)
              expected.push({ time: event.time, score });
          });
          expect(got.highs.map((h) => h.time)).toEqual(expected.map((h) => h.time));
          got.highs.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));

          const earlier = ordered.filter((e) => e.time < before);
          const at = scoreLead(compiled, lead, earlier, before);
          expect(got.scoreBefore).toBeCloseTo(at.score, 9);
          expect(got.segmentBefore).toBe(at.segment);
          const end = (ordered[ordered.length - 1]?.time ?? T0) + DAY;
          expect(readState(compiled, got.state, end).score).toBeCloseTo(
            scoreLead(compiled, lead, events, end).score,
            9,
          );
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('starts the highs at the first event when it precedes the start', () => {
    const fit = evaluateFit(compiled, {});
    const early = { event: 'Email Opened', time: T0 - DAY, messageId: 'a' };
    const got = trajectory(compiled, fit, [early], T0);
    expect(got.highs).toEqual([
      { time: T0 - DAY, score: 0 },
      { time: T0 - DAY, score: 2 },
    ]);
    expect(got.scoreBefore).toBeUndefined();
  });
});

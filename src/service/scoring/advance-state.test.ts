// Events arriving late and out of order: advancing the stored state one event at a time always
// ends where a replay of the stored history does, rebuilding only when a cap needs it.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../core/compile-model.js';
import type { ScoringEvent } from '../../core/event.js';
import { evaluateFit } from '../../core/fit.js';
import { parseModel } from '../../core/parse-model.js';
import { scoreLead } from '../../core/score-lead.js';
import { readState, type ScoreState } from '../../core/score-state.js';
import { advanceState } from './advance-state.js';

const compiled = compileModel(
  parseModel(readFileSync(new URL('../../../examples/models/b2b.yaml', import.meta.url), 'utf8')),
);
const lead = { id: 'L1', title: 'VP Marketing', country: 'US' };
const DAY = 86_400_000;

const eventArb = fc.record({
  event: fc.constantFrom(
    'Email Opened',
    'Email Link Clicked',
    'Page Viewed',
    'Demo Requested',
    'Email Bounced',
    'Signed Up',
  ),
  day: fc.integer({ min: 0, max: 60 }),
  path: fc.constantFrom('/pricing', '/blog/a', '/docs'),
});

describe('advanceState', () => {
  it('equals a replay of the stored history for any arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 40 }), async (drawn) => {
        const events: ScoringEvent[] = drawn.map((e, i) => ({
          event: e.event,
          time: e.day * DAY + (i % 3) * 1000,
          messageId: `m${i}`,
          properties: { path: e.path },
        }));
        const fit = evaluateFit(compiled, lead);
        const stored: ScoringEvent[] = [];
        let state: ScoreState | undefined;
        let rebuilds = 0;
        for (const event of events) {
          stored.push(event);
          const next = await advanceState(compiled, state, fit, event, async () =>
            [...stored].sort((a, b) => a.time - b.time),
          );
          if (next.rebuilt) rebuilds++;
          state = next.state;
        }
        const asOf = 61 * DAY;
        const incremental = readState(compiled, state as ScoreState, asOf);
        const replay = scoreLead(compiled, lead, stored, asOf);
        expect(incremental.score).toBeCloseTo(replay.score, 9);
        expect([incremental.segment, incremental.grade]).toEqual([replay.segment, replay.grade]);
        for (const [name, value] of Object.entries(replay.categories)) {
          expect(incremental.categories[name]).toBeCloseTo(value, 9);
        }
        expect(rebuilds).toBeLessThanOrEqual(events.length);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('rebuilds only when a capped rule gets an event older than one it counted', async () => {
    const fit = evaluateFit(compiled, lead);
    const late = { event: 'Email Opened', time: 1 * DAY, messageId: 'b' };
    const first = await advanceState(
      compiled,
      undefined,
      fit,
      { event: 'Email Opened', time: 5 * DAY, messageId: 'a' },
      async () => [],
    );
    expect(first.rebuilt).toBe(false);
    const uncapped = await advanceState(
      compiled,
      first.state,
      fit,
      { event: 'Demo Requested', time: 0, messageId: 'c' },
      async () => [],
    );
    expect(uncapped.rebuilt).toBe(false);
    let asked = 0;
    const capped = await advanceState(compiled, first.state, fit, late, async () => {
      asked++;
      return [late, { event: 'Email Opened', time: 5 * DAY, messageId: 'a' }];
    });
    expect(capped.rebuilt).toBe(true);
    expect(asked).toBe(1);
  });
});

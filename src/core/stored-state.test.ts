// The stored form of the score state: any state survives encode → JSON → decode unchanged,
// states stored in the earlier full form still read, and the stored form is smaller.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile-model.js';
import { evaluateFit } from './fit.js';
import { parseModel } from './parse-model.js';
import { applyEvent, initialState, type ScoreState } from './score-state.js';
import { decodeState, encodeState } from './stored-state.js';

const time = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });
const ruleArb = fc.oneof(
  fc.constant({ value: 0, ref: null, last: null, used: 0, window: [] as [number, number][] }),
  fc.record({
    value: fc.double({ min: -500, max: 500, noNaN: true, noDefaultInfinity: true }),
    ref: fc.option(time, { nil: null }),
    last: fc.option(time, { nil: null }),
    used: fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true }),
    window: fc.array(fc.tuple(time, fc.double({ min: 0, max: 50, noNaN: true })), {
      maxLength: 4,
    }),
  }),
);
const stateArb: fc.Arbitrary<ScoreState> = fc.record({
  fit: fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }),
  fitMatched: fc.array(fc.nat(30), { maxLength: 6 }),
  rules: fc.array(ruleArb, { maxLength: 20 }),
  qualified: fc.array(fc.nat(5), { maxLength: 2 }),
  lastEventTime: fc.option(time, { nil: null }),
});

const throughJson = (state: ScoreState) =>
  decodeState(JSON.parse(JSON.stringify(encodeState(state))));

describe('stored score state', () => {
  it('reads back every state exactly, through JSON', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        // -0 has no JSON form of its own; the engine never makes one that matters.
        const normal = JSON.parse(JSON.stringify(state)) as ScoreState;
        expect(throughJson(normal)).toEqual(normal);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('reads states stored in the earlier full form as they are', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const stored = JSON.parse(JSON.stringify(state)) as ScoreState;
        expect(decodeState(stored)).toEqual(stored);
      }),
      { seed: 8, numRuns: 100 },
    );
  });

  it('refuses something that is not a state object, saying what it got', () => {
    expect(() => decodeState(3)).toThrow('a stored score state is not an object: 3');
    expect(() => decodeState(null)).toThrow('not an object: null');
  });

  it('stores a lead of the example model in a fraction of the bytes', () => {
    const model = parseModel(readFileSync('examples/models/b2b.yaml', 'utf8'));
    const compiled = compileModel(model);
    const fit = evaluateFit(compiled, { id: 'u1', traits: { title: 'VP Marketing' }, company: {} });
    let state = initialState(compiled, fit);
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    ['Email Opened', 'Email Opened', 'Asset Downloaded', 'Webinar Registered'].forEach(
      (name, i) => {
        const applied = applyEvent(compiled, state, {
          event: name,
          time: t0 + i * 86_400_000,
          properties: { type: 'whitepaper' },
        });
        if (!applied.ok) throw new Error('out of order');
        state = applied.state;
      },
    );
    expect(throughJson(state)).toEqual(state);
    // Three rules touched (opens, the whitepaper, the webinar), the others left out.
    expect(encodeState(state).r.map(([index]) => index)).toHaveLength(3);
    expect(encodeState(state).n).toBe(compiled.rules.length);
    const full = JSON.stringify(state).length;
    const stored = JSON.stringify(encodeState(state)).length;
    expect(stored).toBeLessThan(full / 2);
  });
});

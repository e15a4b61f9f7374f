// Property tests: incremental scoring (the stored score state) always equals replay (scoreLead).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, Operator } from './condition-schema.js';
import { compileModel, type CompiledModel } from './compile-model.js';
import { matchRules, type ScoringEvent } from './event.js';
import { evaluateFit } from './fit.js';
import type { LeadScore } from './lead-score.js';
import { modelSchema, STAGES, type ModelInput } from './model-schema.js';
import { parseModel } from './parse-model.js';
import { scoreLead } from './score-lead.js';
import {
  applyEvent,
  initialState,
  readState,
  scoreStateSchema,
  withFit,
  type ScoreState,
} from './score-state.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');
const RUNS = { seed: 42, numRuns: 300 };
const EPS = 1e-9;

const EVENT_NAMES = ['Email Opened', 'Asset Downloaded', 'Page Viewed', 'Demo Requested'];
const TEXTS = ['VP Sales', 'student', 'Head of IT', 'SaaS', ' us ', '/pricing', 'whitepaper'];
const scalarArb = fc.oneof(
  fc.constantFrom(...TEXTS, 'abc', '200', '2e2', ' 15 ', '', '  '),
  fc.integer({ min: -5, max: 300 }),
  fc.boolean(),
);
const fieldValueArb = fc.oneof(scalarArb, fc.constant(null), fc.constant(undefined));
const boundArb = fc.integer({ min: -10, max: 300 });
const pointsArb = fc.oneof(
  fc.integer({ min: -30, max: 40 }),
  fc.double({ min: -30, max: 40, noNaN: true }),
);
const halfLifeArb = fc.option(
  fc.oneof(fc.constantFrom(1, 7, 30), fc.double({ min: 0.05, max: 90, noNaN: true })),
  { nil: undefined },
);

/** Undefined `weight` times as often as a value. */
function rarely<T>(arb: fc.Arbitrary<T>, weight: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });
}

function leafArb(fields: string[]): fc.Arbitrary<Condition> {
  const list = fc.array(scalarArb, { minLength: 1, maxLength: 3 });
  const between = fc
    .tuple(boundArb, boundArb)
    .map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]);
  const regex = fc.constantFrom('^vp', 'head|dir', 'saas', '\\bus\\b', '\\d');
  const byOperand: [Operator[], fc.Arbitrary<unknown>][] = [
    [['eq', 'neq', 'contains', 'startsWith', 'endsWith'], scalarArb],
    [['in', 'notIn'], list],
    [['gt', 'gte', 'lt', 'lte'], boundArb],
    [['between'], between],
    [['matches'], regex],
    [['exists'], fc.boolean()],
  ];
  const field = fc.constantFrom(...fields);
  // The model schema validates every generated leaf, so this assertion is checked.
  return fc.oneof(
    ...byOperand.flatMap(([ops, operand]) => ops.map((op) => fc.record({ field, [op]: operand }))),
  ) as fc.Arbitrary<Condition>;
}

function conditionArb(fields: string[]): fc.Arbitrary<Condition> {
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { maxDepth: 3, depthSize: 'small' },
      leafArb(fields),
      fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('condition') }),
    ),
  }));
  return condition;
}

const LEAD_FIELDS = ['title', 'country', 'purchases', 'company.employees', 'company.industry'];
const EVENT_FIELDS = ['properties.type', 'properties.path', 'properties.n'];

/** Random grades (or none), then segments using them, then criteria and rules using both. */
function modelArb(options: { caps: boolean }): fc.Arbitrary<CompiledModel> {
  const gradesArb = fc
    .option(fc.array(boundArb, { maxLength: 3 }), { nil: undefined })
    .map((mins) =>
      mins === undefined
        ? undefined
        : [...mins.map((min, i) => ({ grade: `G${i}`, min })), { grade: `G${mins.length}` }],
    );
  return gradesArb.chain((grades) => {
    const gradeNames = (grades ?? []).map((g) => g.grade);
    const segmentArb = fc.record({
      bound: fc.constantFrom('min', 'above', 'none'),
      value: boundArb,
      minGrade:
        gradeNames.length > 0
          ? fc.option(fc.constantFrom(...gradeNames), { nil: undefined })
          : fc.constant(undefined),
      stage: fc.constantFrom(...STAGES),
    });
    const segmentsArb = fc
      .tuple(fc.array(segmentArb, { maxLength: 3 }), fc.constantFrom(...STAGES))
      .map(([upper, lastStage]) => [
        ...upper.map((s, i) => ({
          id: `s${i}`,
          stage: s.stage,
          minGrade: s.minGrade,
          ...(s.bound === 'min' ? { min: s.value } : s.bound === 'above' ? { above: s.value } : {}),
        })),
        { id: `s${upper.length}`, stage: lastStage },
      ]);
    return segmentsArb.chain((segments) => {
      const criterionArb = fc.record({
        category: fc.option(fc.constantFrom('demo', 'firmo'), { nil: undefined }),
        when: conditionArb(LEAD_FIELDS),
        points: pointsArb,
      });
      // Window lengths that the fixed event times below hit exactly, to test the open end.
      const capArb = fc.record({
        points: fc.oneof(
          fc.integer({ min: 1, max: 15 }),
          fc.double({ min: 0.5, max: 40, noNaN: true }),
        ),
        days: fc.option(
          fc.oneof(
            fc.constantFrom(1, 6, 7, 23, 30),
            fc.integer({ min: 1, max: 30 }),
            fc.double({ min: 0.01, max: 30, noNaN: true }),
          ),
          { nil: undefined },
        ),
      });
      const ruleArb = fc.record({
        category: fc.option(fc.constantFrom('email', 'web'), { nil: undefined }),
        event: fc.constantFrom(...EVENT_NAMES),
        where: rarely(conditionArb(EVENT_FIELDS), 3),
        points: pointsArb,
        cap: options.caps ? rarely(capArb, 1) : fc.constant(undefined),
        halfLifeDays: halfLifeArb,
        qualifies: rarely(fc.constantFrom(...segments.map((s) => s.id)), 5),
      });
      return fc
        .record({
          criteria: fc.array(criterionArb, { maxLength: 4 }),
          rules: fc.array(ruleArb, { minLength: 1, maxLength: 6 }),
          halfLifeDays: halfLifeArb,
        })
        .map(({ criteria, rules, halfLifeDays }) => {
          const input: ModelInput = {
            name: 'random',
            fit: { criteria: criteria.map((c, i) => ({ id: `c${i}`, ...c })), grades },
            engagement: { halfLifeDays, rules: rules.map((r, i) => ({ id: `r${i}`, ...r })) },
            segments,
          };
          return compileModel(modelSchema.parse(input));
        });
    });
  });
}

const leadArb = fc
  .record({
    title: fieldValueArb,
    country: fieldValueArb,
    purchases: fieldValueArb,
    employees: fieldValueArb,
    industry: fieldValueArb,
    flat: fc.boolean(),
  })
  .map(({ employees, industry, flat, ...rest }) =>
    flat
      ? { id: 'lead', ...rest, 'company.employees': employees, 'company.industry': industry }
      : { id: 'lead', ...rest, company: { employees, industry } },
  );

const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 60 * DAY }).map((ms) => T0 + ms),
  fc.constantFrom(0, 1, 7, 8, 30, 31, 37).map((days) => T0 + days * DAY),
);

const eventArb: fc.Arbitrary<ScoringEvent> = fc.record({
  event: fc.constantFrom(...EVENT_NAMES, ' email OPENED ', 'page viewed', 'Unknown Thing'),
  time: timeArb,
  messageId: fc.option(fc.constantFrom('m0', 'm1', 'm2', 'm3', 'm4', 'm5'), { nil: undefined }),
  properties: fc.record({ type: fieldValueArb, path: fieldValueArb, n: fieldValueArb }),
});

/** A model, a lead, a history, an as-of time, and where to store the state as JSON midway. */
function caseArb(options: { caps: boolean }) {
  return fc.record({
    compiled: modelArb(options),
    lead: leadArb,
    events: fc.array(eventArb, { maxLength: 30, size: 'medium' }),
    asOf: fc.oneof(timeArb, fc.constant(T0 + 60 * DAY)),
    split: fc.nat({ max: 30 }),
  });
}

/** A case and an arrival order of the events a store would absorb. */
function withArrival(options: { caps: boolean }) {
  return caseArb(options).chain((c) => {
    const due = absorbable(c.events, c.asOf);
    return fc
      .shuffledSubarray(due, { minLength: due.length, maxLength: due.length })
      .map((arrival) => ({ c, arrival }));
  });
}

/** What a store would absorb: the first occurrence of each messageId, at or before as-of. */
function absorbable(events: readonly ScoringEvent[], asOf: number): ScoringEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (e.messageId !== undefined) {
      if (seen.has(e.messageId)) return false;
      seen.add(e.messageId);
    }
    return e.time <= asOf;
  });
}

/** Stable: equal times keep their input order. */
const inTimeOrder = (events: ScoringEvent[]) => [...events].sort((a, b) => a.time - b.time);

function absorb(compiled: CompiledModel, state: ScoreState, events: ScoringEvent[]): ScoreState {
  return events.reduce((s, event) => {
    const result = applyEvent(compiled, s, event);
    if (!result.ok) throw new Error(`unexpected ${result.reason} on rule ${result.rule}`);
    return result.state;
  }, state);
}

function expectSameScore(compiled: CompiledModel, replay: LeadScore, inc: LeadScore): void {
  const numbers = (r: LeadScore): Record<string, number> => ({
    score: r.score,
    fit: r.fit,
    engagement: r.engagement,
    ...r.categories,
  });
  const expected = numbers(replay);
  const actual = numbers(inc);
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    const diff = Math.abs(value - (actual[name] ?? NaN));
    expect(diff, `${name}: ${JSON.stringify([replay, inc])}`).toBeLessThanOrEqual(EPS);
  }
  expect(inc.grade).toBe(replay.grade);
  if (inc.segment !== replay.segment) {
    // Scores that agree to 1e-9 may still fall on either side of a bound lying between them;
    // any other disagreement is a real one.
    const lo = Math.min(replay.score, inc.score);
    const hi = Math.max(replay.score, inc.score);
    const bounds = compiled.segments.flatMap((s) => [s.min, s.above]);
    const straddled = bounds.some((b) => b !== undefined && b >= lo && b <= hi);
    expect(straddled, `segment ${replay.segment} vs ${inc.segment}`).toBe(true);
  } else {
    expect(inc.stage).toBe(replay.stage);
  }
}

describe('incremental equals replay', () => {
  it('for random models, leads and histories, with the state stored as JSON midway', () => {
    fc.assert(
      fc.property(caseArb({ caps: true }), (c) => {
        const replay = scoreLead(c.compiled, c.lead, c.events, c.asOf, { explain: true });
        const ordered = inTimeOrder(absorbable(c.events, c.asOf));
        const start = initialState(c.compiled, evaluateFit(c.compiled, c.lead));
        const half = absorb(c.compiled, start, ordered.slice(0, c.split));
        const restored = scoreStateSchema.parse(JSON.parse(JSON.stringify(half)));
        expect(restored).toEqual(half);
        const rest = ordered.slice(c.split);
        const direct = readState(c.compiled, absorb(c.compiled, half, rest), c.asOf);
        const resumed = readState(c.compiled, absorb(c.compiled, restored, rest), c.asOf);
        expect(resumed).toEqual(direct);
        expectSameScore(c.compiled, replay, direct);
        const explained = (replay.contributions ?? []).reduce((sum, x) => sum + x.afterDecay, 0);
        expect(Math.abs(explained - replay.score)).toBeLessThanOrEqual(EPS);
      }),
      RUNS,
    );
  });

  it('without caps, in any arrival order', () => {
    fc.assert(
      fc.property(withArrival({ caps: false }), ({ c, arrival }) => {
        const start = initialState(c.compiled, evaluateFit(c.compiled, c.lead));
        const state = absorb(c.compiled, start, arrival);
        const replay = scoreLead(c.compiled, c.lead, c.events, c.asOf);
        expectSameScore(c.compiled, replay, readState(c.compiled, state, c.asOf));
      }),
      RUNS,
    );
  });

  it('with caps, in any arrival order: equal, or refused as out of order on a capped rule', () => {
    fc.assert(
      fc.property(withArrival({ caps: true }), ({ c, arrival }) => {
        let state = initialState(c.compiled, evaluateFit(c.compiled, c.lead));
        const absorbed: ScoringEvent[] = [];
        for (const event of arrival) {
          const result = applyEvent(c.compiled, state, event);
          if (!result.ok) {
            expect(c.compiled.rules.find((r) => r.id === result.rule)?.cap).toBeDefined();
            const sameRule = (e: ScoringEvent) =>
              matchRules(c.compiled, e).some((r) => r.id === result.rule);
            expect(absorbed.some((e) => sameRule(e) && e.time > event.time)).toBe(true);
            return;
          }
          state = result.state;
          absorbed.push(event);
        }
        const replay = scoreLead(c.compiled, c.lead, c.events, c.asOf);
        expectSameScore(c.compiled, replay, readState(c.compiled, state, c.asOf));
      }),
      RUNS,
    );
  });
});

describe('score state', () => {
  const compiled = compileModel(
    parseModel(`
name: state
fit: { criteria: [ { id: vp, when: { field: title, contains: vp }, points: 10 } ] }
engagement:
  halfLifeDays: 10
  rules:
    - { id: open, event: Email Opened, points: 2, cap: { points: 3, days: 5 } }
    - { id: visit, event: Page Viewed, points: 4 }
segments: [ { id: hot, min: 13, stage: mofu }, { id: cold, stage: tofu } ]
`),
  );
  const at = (days: number) => T0 + days * DAY;
  const start = initialState(compiled, evaluateFit(compiled, { title: 'VP' }));
  const apply = (state: ScoreState, event: string, ...days: number[]): ScoreState =>
    absorb(
      compiled,
      state,
      days.map((d) => ({ event, time: at(d) })),
    );

  it('reads fit alone before any event', () => {
    expect(readState(compiled, start, at(0))).toMatchObject({ score: 10, segment: 'cold' });
  });

  it('refuses an event older than one a capped rule already absorbed', () => {
    const state = apply(start, 'Email Opened', 3);
    expect(applyEvent(compiled, state, { event: 'Email Opened', time: at(2) })).toEqual({
      ok: false,
      reason: 'out_of_order',
      rule: 'open',
    });
    expect(applyEvent(compiled, state, { event: 'Email Opened', time: at(3) }).ok).toBe(true);
    expect(applyEvent(compiled, state, { event: 'Page Viewed', time: at(1) }).ok).toBe(true);
  });

  it('decays to the as-of time: 2 opens (cap 3) and a visit', () => {
    const state = apply(apply(start, 'Page Viewed', 0), 'Email Opened', 10, 10);
    // visit 4 at day 0 is 20 days old: 1; opens 2 + 1 are 10 days old: 1.5.
    const read = readState(compiled, state, at(20));
    expect(read.engagement).toBeCloseTo(2.5, 12);
    expect(read.categories).toEqual({ fit: 10, engagement: read.engagement });
    expect(read.segment).toBe('cold');
    expect(readState(compiled, state, at(10)).score).toBeCloseTo(10 + 2 + 3, 12);
    expect(readState(compiled, state, at(10)).segment).toBe('hot');
  });

  it('frees cap room at the open end of the window (t - days, t]', () => {
    const first = apply(start, 'Email Opened', 0);
    // 5 days later the day-0 award has left the window: 2 more; a moment earlier only 1 fits.
    expect(readState(compiled, apply(first, 'Email Opened', 5), at(5)).engagement).toBeCloseTo(
      2 * Math.SQRT1_2 + 2,
      12,
    );
    expect(readState(compiled, apply(first, 'Email Opened', 4), at(5)).engagement).toBeCloseTo(
      2 * Math.SQRT1_2 + 1 * Math.pow(0.5, 0.1),
      12,
    );
  });

  it('leaves the state it was given untouched', () => {
    const state = apply(apply(start, 'Email Opened', 1), 'Page Viewed', 2);
    const copy = structuredClone(state);
    apply(state, 'Email Opened', 3);
    apply(state, 'Page Viewed', 0);
    expect(state).toEqual(copy);
  });

  it('cannot be read before its latest event', () => {
    const state = apply(start, 'Page Viewed', 4);
    expect(() => readState(compiled, state, at(4) - 1)).toThrow(RangeError);
    expect(readState(compiled, state, at(4)).engagement).toBe(4);
  });

  it('takes a new fit without touching engagement', () => {
    const state = withFit(apply(start, 'Page Viewed', 0), evaluateFit(compiled, { title: 'CEO' }));
    expect(readState(compiled, state, at(0))).toMatchObject({ fit: 0, engagement: 4, score: 4 });
  });
});

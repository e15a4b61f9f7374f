// Conditions that can never hold are found exactly: contradictions are reported, satisfiable ones not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionSchema, type Condition } from './condition-schema.js';
import { compileCondition } from './condition.js';
import { conditionWarnings } from './condition-warnings.js';

const parse = (value: unknown): Condition => conditionSchema.parse(value);
const paths = (value: unknown) => conditionWarnings(parse(value), 'when').map((w) => w.path);
const all = (...leaves: unknown[]) => ({ all: leaves });

/** The part of a condition at a warning path such as `when.all[1].not`. */
function at(condition: Condition, path: string): Condition {
  let current: unknown = condition;
  for (const [, key, index] of path.slice('when'.length).matchAll(/\.(\w+)|\[(\d+)\]/g)) {
    current = (current as Record<string, unknown>)[key ?? Number(index)];
  }
  return parse(current);
}

describe('conditionWarnings', () => {
  it.each([
    ['exists true and false', all({ field: 'a', exists: true }, { field: 'a', exists: false })],
    ['exists false and a value test', all({ field: 'a', exists: false }, { field: 'a', neq: 1 })],
    ['two different eq', all({ field: 'a', eq: 'x' }, { field: 'a', eq: 'y' })],
    ['eq a number and a text', all({ field: 'a', eq: 200 }, { field: 'a', eq: 'abc' })],
    ['eq and neq of the same value', all({ field: 'a', eq: ' X ' }, { field: 'a', neq: 'x' })],
    [
      'in and notIn covering it',
      all({ field: 'a', in: [1, 'b'] }, { field: 'a', notIn: ['1.0', 'B'] }),
    ],
    ['disjoint in lists', all({ field: 'a', in: [1, 2] }, { field: 'a', in: [3] })],
    ['an empty range', all({ field: 'n', gt: 10 }, { field: 'n', lt: 5 })],
    ['a point range open at one end', all({ field: 'n', gte: 5 }, { field: 'n', lt: 5 })],
    ['between and gt', all({ field: 'n', between: [1, 5] }, { field: 'n', gt: 5 })],
    ['eq outside a range', all({ field: 'n', eq: 3 }, { field: 'n', gte: 4 })],
    ['a text eq with a range', all({ field: 'n', eq: 'abc' }, { field: 'n', lte: 4 })],
    ['eq and a text test', all({ field: 't', eq: 'director' }, { field: 't', startsWith: 'vp' })],
    ['eq and matches', all({ field: 't', eq: 'director' }, { field: 't', matches: '^vp' })],
    ['eq of an empty text', { field: 't', eq: '  ' }],
    [
      'exists and not exists',
      all({ field: 'a', exists: true }, { not: { field: 'a', exists: true } }),
    ],
    ['a nested all', all({ field: 'n', gt: 10 }, all({ field: 'n', lt: 5 }))],
    ['double negation', all({ field: 'n', gt: 10 }, { not: { not: { field: 'n', lt: 5 } } })],
    [
      'not of always',
      {
        not: {
          any: [
            { field: 'a', exists: true },
            { field: 'a', exists: false },
          ],
        },
      },
    ],
  ])('reports %s at the condition', (_name, condition) => {
    expect(paths(condition)).toEqual(['when']);
  });

  it.each([
    ['tests on different fields', all({ field: 'a', eq: 'x' }, { field: 'b', eq: 'y' })],
    ['numbers equal as numbers', all({ field: 'a', eq: 200 }, { field: 'a', eq: '200.0' })],
    ['a range with a point', all({ field: 'n', gte: 5 }, { field: 'n', lte: 5 })],
    ['eq inside a range', all({ field: 'n', eq: '4' }, { field: 'n', between: [4, 9] })],
    ['neq and notIn leaving values', all({ field: 'a', in: [1, 2] }, { field: 'a', notIn: [1] })],
    ['a number with text tests', all({ field: 'n', eq: 200 }, { field: 'n', endsWith: '.0' })],
    [
      'eq and a matching text test',
      all({ field: 't', eq: 'VP sales' }, { field: 't', matches: '^vp' }),
    ],
    [
      'exists false twice',
      all({ field: 'a', exists: false }, { not: { field: 'a', exists: true } }),
    ],
    ['not of a leaf that can fail', all({ field: 'a', eq: 1 }, { not: { field: 'a', eq: 1 } })],
    [
      'an any of both exists',
      {
        any: [
          { field: 'a', exists: true },
          { field: 'a', exists: false },
        ],
      },
    ],
    ['text tests alone', all({ field: 't', contains: 'x' }, { field: 't', startsWith: 'y' })],
  ])('accepts %s', (_name, condition) => {
    expect(paths(condition)).toEqual([]);
  });

  it('reports the dead branch of an any, and not the any', () => {
    const condition = {
      any: [{ field: 'a', exists: true }, all({ field: 'n', gt: 1 }, { field: 'n', lt: 0 })],
    };
    expect(paths(condition)).toEqual(['when.any[1]']);
    expect(paths({ not: condition })).toEqual(['when.not.any[1]']);
  });

  it('names the field and the tests in the message', () => {
    const [warning] = conditionWarnings(
      parse(all({ field: 'n', gt: 10 }, { field: 'n', lt: 5 })),
      'w',
    );
    expect(warning?.message).toBe('can never hold: no value of n passes all of gt: 10, lt: 5');
  });

  it('is sound: no value passes a condition it reports (random conditions, many values)', () => {
    const scalars = [0, 1, 2, 5, 4.5, '1.0', ' 1', 'x', 'X ', 'y', '', 'vp x', true];
    const values: unknown[] = [
      undefined,
      null,
      '',
      ' ',
      ...scalars,
      -1,
      3,
      6,
      'vp',
      'false',
      ['x'],
    ];
    const number = fc.constantFrom(0, 1, 2, 4.5, 5);
    const scalar = fc.constantFrom(...scalars);
    const leaf = fc.oneof(
      fc.record({ field: fc.constant('a'), eq: scalar }),
      fc.record({ field: fc.constant('a'), neq: scalar }),
      fc.record({ field: fc.constant('a'), in: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
      fc.record({
        field: fc.constant('a'),
        notIn: fc.array(scalar, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ field: fc.constant('a'), gt: number }),
      fc.record({ field: fc.constant('a'), gte: number }),
      fc.record({ field: fc.constant('a'), lt: number }),
      fc.record({ field: fc.constant('a'), lte: number }),
      fc.record({ field: fc.constant('a'), contains: scalar }),
      fc.record({ field: fc.constant('a'), startsWith: scalar }),
      fc.record({ field: fc.constant('a'), endsWith: scalar }),
      fc.record({ field: fc.constant('a'), matches: fc.constantFrom('^x', '1$', 'vp') }),
      fc.record({ field: fc.constant('a'), exists: fc.boolean() }),
    );
    const part = fc.oneof(
      leaf,
      leaf.map((l) => ({ not: l })),
    );
    let reported = 0;
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const condition = parse({ all: parts });
        for (const warning of conditionWarnings(condition, 'when')) {
          reported++;
          const holds = compileCondition(at(condition, warning.path));
          for (const value of values) expect(holds({ a: value })).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
    expect(reported).toBeGreaterThan(100);
  });
});

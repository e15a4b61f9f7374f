// Unit tests of the condition language: every operator, the combinators, paths and missing values.
import { describe, expect, it } from 'vitest';
import { conditionSchema } from './condition-schema.js';
import { compileCondition } from './condition.js';

/** Validates the condition through the real schema, then runs it on a record. */
function holds(condition: unknown, record: unknown): boolean {
  return compileCondition(conditionSchema.parse(condition))(record);
}

/** Runs a leaf on the field `x` holding `value` (absent when undefined). */
function leaf(op: Record<string, unknown>, value: unknown): boolean {
  return holds({ field: 'x', ...op }, value === undefined ? {} : { x: value });
}

const MISSING: unknown[] = [undefined, null, '', '   ', '\t\n'];

describe('missing values', () => {
  const ops: Record<string, unknown>[] = [
    { eq: 'a' },
    { eq: '' },
    { neq: 'a' },
    { neq: 5 },
    { in: ['a', 1] },
    { notIn: ['a'] },
    { gt: -1e9 },
    { gte: 0 },
    { lt: 1e9 },
    { lte: 0 },
    { between: [-1e9, 1e9] },
    { contains: 'a' },
    { startsWith: 'a' },
    { endsWith: 'a' },
    { matches: '.*' },
    { exists: true },
  ];
  it.each(MISSING.map((value) => [JSON.stringify(value) ?? 'absent', value]))(
    '%s fails every operator except exists:false',
    (_label, value) => {
      for (const op of ops) expect(leaf(op, value), JSON.stringify(op)).toBe(false);
      expect(leaf({ exists: false }, value)).toBe(true);
    },
  );

  it('exists is true for any present value, including 0 and false', () => {
    for (const value of [0, false, 'x', ' x ', [], {}]) {
      expect(leaf({ exists: true }, value)).toBe(true);
      expect(leaf({ exists: false }, value)).toBe(false);
    }
  });

  it('a non-record has no fields', () => {
    expect(holds({ field: 'x', exists: false }, null)).toBe(true);
    expect(holds({ field: 'x', exists: false }, 'text')).toBe(true);
    expect(holds({ field: 'x', eq: 'text' }, 'text')).toBe(false);
  });
});

describe('eq / neq / in / notIn', () => {
  it('compare text trimmed and ignoring case', () => {
    expect(leaf({ eq: 'Software' }, '  SOFTWARE ')).toBe(true);
    expect(leaf({ eq: ' saas ' }, 'SaaS')).toBe(true);
    expect(leaf({ eq: 'software' }, 'soft ware')).toBe(false);
    expect(leaf({ neq: 'Software' }, 'software ')).toBe(false);
    expect(leaf({ neq: 'software' }, 'fintech')).toBe(true);
  });

  it('compare as numbers when both sides are numeric', () => {
    expect(leaf({ eq: 200 }, '200')).toBe(true);
    expect(leaf({ eq: 200 }, ' 200 ')).toBe(true);
    expect(leaf({ eq: 200 }, '2e2')).toBe(true);
    expect(leaf({ eq: 200 }, '200.0')).toBe(true);
    expect(leaf({ eq: '200' }, 200)).toBe(true);
    expect(leaf({ eq: '0.5' }, '.5')).toBe(true);
    expect(leaf({ eq: 200 }, '201')).toBe(false);
    expect(leaf({ neq: 200 }, '2e2')).toBe(false);
    expect(leaf({ neq: 200 }, 199)).toBe(true);
  });

  it('compare as text when one side is not numeric', () => {
    expect(leaf({ eq: 200 }, 'abc')).toBe(false);
    expect(leaf({ neq: 200 }, 'abc')).toBe(true);
    expect(leaf({ eq: 'abc' }, 200)).toBe(false);
    expect(leaf({ eq: '0x10' }, 16)).toBe(false);
    expect(leaf({ eq: '0x10' }, '0X10')).toBe(true);
    expect(leaf({ eq: true }, 'TRUE')).toBe(true);
    expect(leaf({ eq: true }, true)).toBe(true);
    expect(leaf({ eq: false }, true)).toBe(false);
  });

  it('in / notIn test membership with the same equality', () => {
    const list = ['Software', 'saas', 200];
    expect(leaf({ in: list }, 'SOFTWARE')).toBe(true);
    expect(leaf({ in: list }, '2e2')).toBe(true);
    expect(leaf({ in: list }, 'fintech')).toBe(false);
    expect(leaf({ notIn: list }, 'fintech')).toBe(true);
    expect(leaf({ notIn: list }, ' SaaS ')).toBe(false);
    expect(leaf({ notIn: list }, 200)).toBe(false);
  });

  it('objects and lists equal nothing', () => {
    expect(leaf({ eq: 'a' }, ['a'])).toBe(false);
    expect(leaf({ eq: 'a' }, { a: 'a' })).toBe(false);
  });
});

describe('gt / gte / lt / lte / between', () => {
  it('compare numbers and numeric strings', () => {
    expect(leaf({ gt: 200 }, 201)).toBe(true);
    expect(leaf({ gt: 200 }, 200)).toBe(false);
    expect(leaf({ gt: 200 }, '2.5e2')).toBe(true);
    expect(leaf({ gte: 200 }, '200')).toBe(true);
    expect(leaf({ gte: 200 }, 199.99)).toBe(false);
    expect(leaf({ lt: 0 }, '-1')).toBe(true);
    expect(leaf({ lt: 0 }, 0)).toBe(false);
    expect(leaf({ lte: 0 }, ' 0 ')).toBe(true);
    expect(leaf({ lte: 0 }, 0.001)).toBe(false);
  });

  it('between is inclusive at both ends', () => {
    expect(leaf({ between: [50, 199] }, 50)).toBe(true);
    expect(leaf({ between: [50, 199] }, '199')).toBe(true);
    expect(leaf({ between: [50, 199] }, 120)).toBe(true);
    expect(leaf({ between: [50, 199] }, 49.9)).toBe(false);
    expect(leaf({ between: [50, 199] }, 200)).toBe(false);
    expect(leaf({ between: [7, 7] }, 7)).toBe(true);
  });

  it('never match values that are not numbers', () => {
    for (const value of ['abc', '1,000', '12 apples', true, [5], { n: 5 }, 'Infinity', 'NaN']) {
      for (const op of [{ gt: -1e9 }, { gte: -1e9 }, { lt: 1e9 }, { lte: 1e9 }]) {
        expect(leaf(op, value), `${JSON.stringify(op)} on ${JSON.stringify(value)}`).toBe(false);
      }
      expect(leaf({ between: [-1e9, 1e9] }, value)).toBe(false);
    }
  });
});

describe('contains / startsWith / endsWith', () => {
  it('work on trimmed text, ignoring case', () => {
    expect(leaf({ contains: 'Student' }, 'PhD STUDENT at MIT')).toBe(true);
    expect(leaf({ contains: 'student' }, 'teacher')).toBe(false);
    expect(leaf({ startsWith: '/Pricing' }, '  /pricing/enterprise')).toBe(true);
    expect(leaf({ startsWith: '/pricing' }, '/docs/pricing')).toBe(false);
    expect(leaf({ endsWith: '.EDU' }, 'ann@mit.edu  ')).toBe(true);
    expect(leaf({ endsWith: '.edu' }, 'ann@mit.edu.com')).toBe(false);
  });

  it('read numbers as their text', () => {
    expect(leaf({ startsWith: 555 }, 5551234)).toBe(true);
    expect(leaf({ endsWith: '34' }, 5551234)).toBe(true);
    expect(leaf({ contains: 12 }, 'abc123')).toBe(true);
  });
});

describe('matches', () => {
  it('searches anywhere in the value, ignoring case', () => {
    const senior = { matches: '\\b(vp|director)\\b' };
    expect(leaf(senior, 'Senior VP, Sales')).toBe(true);
    expect(leaf(senior, 'Sales DIRECTOR')).toBe(true);
    expect(leaf(senior, 'Directory manager')).toBe(false);
    expect(leaf({ matches: 'ENG' }, 'Head of engineering')).toBe(true);
    expect(leaf({ matches: '^head' }, 'Head of engineering')).toBe(true);
    expect(leaf({ matches: '^of' }, 'Head of engineering')).toBe(false);
  });

  it('matches the trimmed text and numbers as text', () => {
    expect(leaf({ matches: '^cto$' }, '  CTO  ')).toBe(true);
    expect(leaf({ matches: '^4\\d\\d$' }, 404)).toBe(true);
    expect(leaf({ matches: 'a' }, ['a'])).toBe(false);
  });

  it('gives the same answer however often it runs', () => {
    const test = compileCondition(conditionSchema.parse({ field: 'x', matches: 'vp' }));
    for (let i = 0; i < 3; i++) expect(test({ x: 'VP' })).toBe(true);
  });
});

describe('combinators', () => {
  const a = { field: 'a', eq: 1 };
  const b = { field: 'b', eq: 1 };
  it('all holds when every part holds', () => {
    expect(holds({ all: [a, b] }, { a: 1, b: 1 })).toBe(true);
    expect(holds({ all: [a, b] }, { a: 1, b: 2 })).toBe(false);
    expect(holds({ all: [a] }, { a: 1 })).toBe(true);
  });

  it('any holds when one part holds', () => {
    expect(holds({ any: [a, b] }, { a: 2, b: 1 })).toBe(true);
    expect(holds({ any: [a, b] }, { a: 2, b: 2 })).toBe(false);
  });

  it('not negates, so not(neq) holds on a missing field', () => {
    expect(holds({ not: a }, { a: 2 })).toBe(true);
    expect(holds({ not: a }, { a: 1 })).toBe(false);
    expect(holds({ not: { field: 'a', neq: 'x' } }, {})).toBe(true);
    expect(holds({ field: 'a', neq: 'x' }, {})).toBe(false);
  });

  it('nest', () => {
    const condition = {
      all: [
        { field: 'company.employees', gte: 200 },
        { any: [{ field: 'company.industry', in: ['software', 'saas'] }, { not: b }] },
      ],
    };
    expect(holds(condition, { company: { employees: '250', industry: 'SaaS' }, b: 1 })).toBe(true);
    expect(holds(condition, { company: { employees: 250, industry: 'retail' }, b: 2 })).toBe(true);
    expect(holds(condition, { company: { employees: 250, industry: 'retail' }, b: 1 })).toBe(false);
    expect(holds(condition, { company: { employees: 199, industry: 'saas' }, b: 2 })).toBe(false);
  });
});

describe('field paths', () => {
  const software = { field: 'company.industry', eq: 'software' };
  it('read a nested object', () => {
    expect(holds(software, { company: { industry: 'Software' } })).toBe(true);
    expect(holds(software, { company: { industry: 'retail' } })).toBe(false);
  });

  it('read a flat dotted key, as a CSV header gives it', () => {
    expect(holds(software, { 'company.industry': 'Software' })).toBe(true);
    expect(holds(software, { company: { name: 'Acme' }, 'company.industry': 'software' })).toBe(
      true,
    );
  });

  it('prefer the nested value when both are present', () => {
    expect(holds(software, { company: { industry: 'software' }, 'company.industry': 'x' })).toBe(
      true,
    );
    expect(holds(software, { company: { industry: 'x' }, 'company.industry': 'software' })).toBe(
      false,
    );
  });

  it('treat a path through a non-object as missing', () => {
    expect(holds({ field: 'company.industry', exists: false }, { company: 'Acme' })).toBe(true);
    expect(holds({ field: 'company.industry', exists: false }, { company: null })).toBe(true);
    expect(holds({ field: 'a.b.c', eq: 1 }, { a: { b: { c: '1' } } })).toBe(true);
  });

  it('read event properties', () => {
    const whitepaper = { field: 'properties.type', eq: 'whitepaper' };
    expect(
      holds(whitepaper, { event: 'Asset Downloaded', properties: { type: 'WhitePaper' } }),
    ).toBe(true);
    expect(holds(whitepaper, { event: 'Asset Downloaded', properties: {} })).toBe(false);
  });
});

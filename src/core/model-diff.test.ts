// The model diff: each kind of change by id, and (fast-check) diff(a, a) is empty and applying a
// diff's "after" sides to a rebuilds b's items by id.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, diffModels, itemsById, type DiffableModel } from './model-diff.js';
import { parseModel } from './parse-model.js';

const V1 = parseModel(`
name: b2b
fit:
  criteria:
    - { id: saas, when: { field: company.industry, in: [software, saas] }, points: 15 }
    - { id: big, when: { field: company.employees, gte: 200 }, points: 10 }
  grades: [{ grade: A, min: 20 }, { grade: B }]
engagement:
  halfLifeDays: 30
  rules:
    - { id: demo, event: Demo Requested, points: 30 }
segments:
  - { id: hot, min: 50, stage: bofu }
  - { id: cold, stage: tofu }
`);

const V2 = parseModel(`
name: b2b
description: whitepapers count
fit:
  criteria:
    - { id: saas, when: { field: company.industry, in: [software, saas] }, points: 20 }
  grades: [{ grade: A, min: 20 }, { grade: B }]
engagement:
  halfLifeDays: 14
  rules:
    - { id: demo, event: Demo Requested, points: 30, cap: { points: 60, days: 30 } }
    - { id: paper, event: Asset Downloaded, points: 5 }
segments:
  - { id: hot, min: 50, stage: bofu }
  - { id: cold, stage: tofu }
`);

describe('diffModels', () => {
  it('lists each change by kind and id with the fields before and after', () => {
    const changes = diffModels(V1, V2);
    expect(changes.map((c) => [c.kind, c.id, c.change, c.fields])).toEqual([
      ['criterion', 'big', 'removed', ['id', 'when', 'points']],
      ['criterion', 'saas', 'changed', ['points']],
      ['rule', 'demo', 'changed', ['cap']],
      ['rule', 'paper', 'added', ['id', 'event', 'points']],
      ['setting', 'description', 'added', ['description']],
      ['setting', 'engagement.halfLifeDays', 'changed', ['engagement.halfLifeDays']],
    ]);
    const saas = changes[1]!;
    expect(saas.before).toMatchObject({ points: 15 });
    expect(saas.after).toMatchObject({ points: 20 });
    expect(changes[0]!.after).toBeUndefined();
    expect(changes[3]!.before).toBeUndefined();
  });

  it('lists grade and segment changes, keyed by the grade letter and the segment id', () => {
    const v3 = {
      ...V1,
      fit: { ...V1.fit, grades: [{ grade: 'A', min: 25 }, { grade: 'C' }] },
      segments: [{ id: 'hot', min: 60, stage: 'bofu' as const }],
    };
    expect(diffModels(V1, v3).map((c) => [c.kind, c.id, c.change])).toEqual([
      ['grade', 'A', 'changed'],
      ['grade', 'B', 'removed'],
      ['grade', 'C', 'added'],
      ['segment', 'cold', 'removed'],
      ['segment', 'hot', 'changed'],
    ]);
  });

  it('ignores the order of items and of keys', () => {
    const shuffled = {
      ...V2,
      engagement: { ...V2.engagement, rules: [...V2.engagement.rules].reverse() },
      segments: V2.segments.map((s) => Object.fromEntries(Object.entries(s).reverse())),
    } as DiffableModel;
    expect(diffModels(V2, shuffled)).toEqual([]);
  });
});

// Small pools of ids and values so that generated versions share, add, drop and change items.
const idPool = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const criterion = fc.record({
  id: idPool,
  when: fc.record({ field: fc.constantFrom('x', 'y'), exists: fc.boolean() }),
  points: fc.integer({ min: -5, max: 5 }),
});
const rule = fc.record(
  {
    id: idPool,
    event: fc.constantFrom('Signup', 'Demo'),
    points: fc.integer({ min: 0, max: 3 }),
    cap: fc.record({ points: fc.constantFrom(5, 10) }),
  },
  { requiredKeys: ['id', 'event', 'points'] },
);
const segment = fc.record(
  {
    id: idPool,
    min: fc.integer({ min: 0, max: 3 }),
    stage: fc.constantFrom('tofu' as const, 'bofu' as const),
  },
  { requiredKeys: ['id', 'stage'] },
);
const grade = fc.record(
  { grade: fc.constantFrom('A', 'B', 'C'), min: fc.integer({ min: 0, max: 3 }) },
  { requiredKeys: ['grade'] },
);
const unique = <T extends Record<string, unknown>>(item: fc.Arbitrary<T>, key: string) =>
  fc.uniqueArray(item, { selector: (x) => x[key], maxLength: 4 });
const model: fc.Arbitrary<DiffableModel> = fc.record(
  {
    name: fc.constantFrom('m', 'n'),
    description: fc.constantFrom('d1', 'd2'),
    fit: fc.record({ criteria: unique(criterion, 'id'), grades: unique(grade, 'grade') }),
    engagement: fc.record(
      { halfLifeDays: fc.constantFrom(7, 30), rules: unique(rule, 'id') },
      { requiredKeys: ['rules'] },
    ),
    segments: unique(segment, 'id'),
    accounts: fc.record({
      aggregate: fc.constantFrom('sum' as const, 'max' as const),
      fit: fc.record({ criteria: unique(criterion, 'id') }),
      segments: unique(segment, 'id'),
    }),
  },
  { requiredKeys: ['name', 'segments'] },
) as fc.Arbitrary<DiffableModel>;

describe('diffModels (properties)', () => {
  it('finds nothing between a version and itself', () => {
    fc.assert(fc.property(model, (a) => diffModels(a, a).length === 0));
  });

  it("rebuilds b's items by id from a and the changes' after sides", () => {
    fc.assert(
      fc.property(model, model, (a, b) => {
        expect(applyChanges(a, diffModels(a, b))).toEqual(itemsById(b));
      }),
    );
  });

  it('names only ids of a or b, each once per kind', () => {
    fc.assert(
      fc.property(model, model, (a, b) => {
        const keys = diffModels(a, b).map((c) => `${c.kind}:${c.id}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});

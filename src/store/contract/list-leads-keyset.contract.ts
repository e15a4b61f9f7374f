// Contract: the lead list's keyset pages where scored and unscored leads meet (the score sort
// reads them from two indexes), with filters, in both directions, for every page size; and the
// property that paging with any page size equals one sorted read of the same leads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeadListItem, LeadListQuery, Store } from '../port.js';
import { scoreRow, T0, useContext, type MakeStore } from './harness.js';

interface LeadSpec {
  id: string;
  /** null: never scored. */
  score: number | null;
  updatedAt: number;
  segment: 'cold' | 'sales';
  owner: string | null;
  name: string;
}

type Query = Omit<LeadListQuery, 'after' | 'limit'>;

async function seedLeads(store: Store, ws: string, leads: readonly LeadSpec[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const lead of leads) {
      await tx.upsertLead(ws, lead.id, { name: lead.name }, lead.updatedAt);
      if (lead.owner !== null) await tx.setLeadOwner(ws, lead.id, lead.owner, T0);
      if (lead.score !== null) {
        await tx.putScore(ws, scoreRow(lead.id, { score: lead.score, segment: lead.segment }));
      }
    }
  });
}

async function pagedIds(store: Store, ws: string, query: Query, limit: number) {
  const ids: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.listLeads(ws, { ...query, limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i: LeadListItem) => i.lead.id));
    if (page.next === null) return ids;
    expect(page.items).toHaveLength(limit);
    after = page.next;
  }
  throw new Error('no last page');
}

/** The list as specified: filter, then (score with unscored lowest | updatedAt, id) order. */
function expectedIds(leads: readonly LeadSpec[], query: Query): string[] {
  const kept = leads.filter(
    (l) =>
      (query.segment === undefined || (l.score !== null && l.segment === query.segment)) &&
      (query.owner === undefined || l.owner === query.owner) &&
      (query.minScore === undefined || (l.score !== null && l.score >= query.minScore)) &&
      (query.search === undefined || l.name.toLowerCase().includes(query.search.toLowerCase())),
  );
  const key = (l: LeadSpec) => (query.sort === 'score' ? (l.score ?? -Infinity) : l.updatedAt);
  const sign = query.direction === 'desc' ? -1 : 1;
  return kept.sort((a, b) => sign * (key(a) - key(b) || (a.id < b.id ? -1 : 1))).map((l) => l.id);
}

/** 14 leads: scored ones (with ties, one negative) and unscored ones interleaved by id. */
const MIXED: LeadSpec[] = Array.from({ length: 14 }, (_, i) => ({
  id: `m${String(i).padStart(2, '0')}`,
  score: i % 3 === 1 ? null : ([30, 10, -5, 10][i % 4] ?? 0),
  updatedAt: T0 + (i % 4),
  segment: i % 2 === 0 ? 'sales' : 'cold',
  owner: i % 4 < 2 ? 'ann' : null,
  name: i % 5 === 0 ? 'Zed Other' : `Lead Number ${i}`,
}));

const FILTERS: Partial<Query>[] = [
  {},
  { owner: 'ann' },
  { search: 'number' },
  { segment: 'sales' },
  { minScore: 0 },
];

const idChars = fc.constantFrom('a', 'B', 'c', 'Z', '0', '9', '-', '_');

const leadSpecs = fc.uniqueArray(
  fc.record({
    id: fc.string({ unit: idChars, minLength: 1, maxLength: 4 }),
    score: fc.option(fc.constantFrom(-20, 0, 12.5, 40, 99), { nil: null, freq: 2 }),
    updatedAt: fc.integer({ min: T0, max: T0 + 3 }),
    segment: fc.constantFrom('cold' as const, 'sales' as const),
    owner: fc.option(fc.constantFrom('ann', 'bob'), { nil: null }),
    name: fc.constantFrom('Ann Lee', 'Bob Stone', 'Cy Lee'),
  }),
  { selector: (l) => l.id, maxLength: 25, size: 'max' },
);

export function listLeadsKeysetContract(makeStore: MakeStore): void {
  describe('listLeads keyset across scored and unscored leads', () => {
    const ctx = useContext(makeStore);

    it('pages exactly as the one sorted list, for each page size, direction and filter', async () => {
      const { store, ws } = ctx();
      await seedLeads(store, ws, MIXED);
      for (const sort of ['score', 'updatedAt'] as const) {
        for (const direction of ['desc', 'asc'] as const) {
          for (const filters of FILTERS) {
            const query: Query = { sort, direction, ...filters };
            const expected = expectedIds(MIXED, query);
            expect(expected.length).toBeGreaterThan(0);
            for (const limit of [1, 2, 3, 4, 5, 13, 14, 15]) {
              expect(
                await pagedIds(store, ws, query, limit),
                JSON.stringify({ query, limit }),
              ).toEqual(expected);
            }
          }
        }
      }
    });

    it('puts unscored leads last by score descending and first ascending, by id', async () => {
      const { store, ws } = ctx();
      await seedLeads(store, ws, MIXED);
      const unscored = MIXED.filter((l) => l.score === null).map((l) => l.id);
      const desc = await pagedIds(store, ws, { sort: 'score', direction: 'desc' }, 4);
      expect(desc.slice(-unscored.length)).toEqual([...unscored].reverse());
      const asc = await pagedIds(store, ws, { sort: 'score', direction: 'asc' }, 4);
      expect(asc.slice(0, unscored.length)).toEqual(unscored);
    });

    it('paging with any page size equals one sorted read (property)', async () => {
      const { store } = ctx();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          leadSpecs,
          fc.integer({ min: 1, max: 8 }),
          fc.constantFrom('score' as const, 'updatedAt' as const),
          fc.constantFrom('asc' as const, 'desc' as const),
          fc.constantFrom(...FILTERS),
          async (leads, limit, sort, direction, filters) => {
            const ws = (await store.createWorkspace(`prop-${n++}`, T0)).id;
            await seedLeads(store, ws, leads);
            const query: Query = { sort, direction, ...filters };
            const one = await store.listLeads(ws, { ...query, limit: leads.length + 1 });
            expect(one.next).toBeNull();
            const sorted = one.items.map((i) => i.lead.id);
            expect(sorted).toEqual(expectedIds(leads, query));
            expect(await pagedIds(store, ws, query, limit)).toEqual(sorted);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
}

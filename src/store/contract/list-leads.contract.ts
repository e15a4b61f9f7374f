// Contract: the lead list: filters, sorting, and keyset pages that never skip or repeat a lead.
import { describe, expect, it } from 'vitest';
import type { LeadListItem, LeadListQuery, Store } from '../port.js';
import { scoreRow, T0, useContext, type MakeStore } from './harness.js';

const SEGMENTS = ['cold', 'nurture', 'sales'] as const;

/** 30 leads; scores take 4 values (many ties); every 6th lead is unscored. */
async function seed(store: Store, ws: string): Promise<void> {
  await store.upsertCompany(ws, 'acme', { name: 'ACME Rockets' }, T0);
  await store.transaction(async (tx) => {
    for (let i = 0; i < 30; i++) {
      const id = `lead-${String(i).padStart(2, '0')}`;
      const traits = { first_name: `Name${i}`, email: `person${i}@example.com` };
      // updatedAt with ties too: three leads share each time.
      await tx.upsertLead(ws, id, i === 4 ? { ...traits, name: '50% Off' } : traits, T0 + (i % 10));
      if (i % 5 === 0) await tx.setLeadCompany(ws, id, 'acme', T0 + (i % 10));
      if (i % 6 === 5) continue;
      const segment = SEGMENTS[i % 3] ?? 'cold';
      const stage = segment === 'sales' ? 'bofu' : 'tofu';
      const grade = i % 2 === 0 ? 'A' : 'B';
      await tx.putScore(ws, scoreRow(id, { score: (i % 4) * 10, segment, stage, grade }));
    }
  });
}

async function listAll(store: Store, ws: string, query: Omit<LeadListQuery, 'after'>) {
  const items: LeadListItem[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.listLeads(ws, { ...query, after });
    items.push(...page.items);
    if (page.next === null) return items;
    after = page.next;
  }
  throw new Error('no last page');
}

const scoreKey = (item: LeadListItem) => item.score?.score ?? -Infinity;

function expectedOrder(items: LeadListItem[], key: (item: LeadListItem) => number, desc: boolean) {
  const sign = desc ? -1 : 1;
  return [...items]
    .sort((a, b) => sign * (key(a) - key(b) || (a.lead.id < b.lead.id ? -1 : 1)))
    .map((i) => i.lead.id);
}

export function listLeadsContract(makeStore: MakeStore): void {
  describe('listLeads', () => {
    const ctx = useContext(makeStore);

    it('pages through every lead once, in (sort value, id) order, for each sort', async () => {
      const { store, ws } = ctx();
      await seed(store, ws);
      const full = await listAll(store, ws, { sort: 'score', direction: 'desc', limit: 100 });
      expect(full).toHaveLength(30);
      expect(full.filter((i) => i.score === null)).toHaveLength(5);
      const top = full[0];
      expect(top?.score).toEqual(await store.getScore(ws, top?.lead.id ?? ''));
      expect(top?.lead).toEqual(await store.getLead(ws, top?.lead.id ?? ''));
      const updatedKey = (item: LeadListItem) => item.lead.updatedAt;
      for (const [sort, key] of [
        ['score', scoreKey],
        ['updatedAt', updatedKey],
      ] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const ids = (await listAll(store, ws, { sort, direction, limit: 4 })).map(
            (i) => i.lead.id,
          );
          expect(ids, `${sort} ${direction}`).toEqual(
            expectedOrder(full, key, direction === 'desc'),
          );
        }
      }
    });

    it('lists every lead id with whether its lead or score row changed since a time', async () => {
      const { store, ws, other } = ctx();
      await seed(store, ws);
      await store.upsertLead(other, 'lead-00', {}, T0 + 100);
      // A later score row only (lead-03), a later lead row only (lead-05, unscored).
      await store.putScore(ws, scoreRow('lead-03', { updatedAt: T0 + 50 }));
      await store.upsertLead(ws, 'lead-05', { touched: true }, T0 + 50);
      const ids = await store.listLeadIds(ws, { changedSince: T0 + 9 });
      expect(ids.map((r) => r.id)).toEqual(
        Array.from({ length: 30 }, (_, i) => `lead-${String(i).padStart(2, '0')}`),
      );
      // The seed wrote leads at T0 + (i % 10) and score rows at T0.
      const changed = ids.filter((r) => r.changed).map((r) => r.id);
      expect(changed).toEqual(['lead-03', 'lead-05', 'lead-09', 'lead-19', 'lead-29']);
      expect((await store.listLeadIds(ws, { changedSince: T0 + 51 })).some((r) => r.changed)).toBe(
        false,
      );
    });

    it('ends with next = null on an exactly full last page', async () => {
      const { store, ws } = ctx();
      await seed(store, ws);
      const first = await store.listLeads(ws, { sort: 'score', direction: 'desc', limit: 30 });
      expect(first.items).toHaveLength(30);
      expect(first.next).toBeNull();
    });

    it('filters by segment, grade, stage, score range and search', async () => {
      const { store, ws } = ctx();
      await seed(store, ws);
      const ids = async (filters: Partial<LeadListQuery>) =>
        (await listAll(store, ws, { sort: 'score', direction: 'desc', limit: 7, ...filters }))
          .map((i) => i.lead.id)
          .sort();
      const all = await listAll(store, ws, { sort: 'score', direction: 'desc', limit: 100 });
      const where = (p: (i: LeadListItem) => boolean) =>
        all
          .filter(p)
          .map((i) => i.lead.id)
          .sort();
      expect(await ids({ segment: 'sales' })).toEqual(where((i) => i.score?.segment === 'sales'));
      expect(await ids({ grade: 'A', stage: 'tofu' })).toEqual(
        where((i) => i.score?.grade === 'A' && i.score.stage === 'tofu'),
      );
      const inRange = where((i) => i.score !== null && i.score.score >= 10 && i.score.score <= 20);
      expect(await ids({ minScore: 10, maxScore: 20 })).toEqual(inRange);
      expect(inRange.length).toBeGreaterThan(0);
      expect(await ids({ search: 'PERSON1' })).toEqual(
        where((i) => String(i.lead.traits.email).startsWith('person1')),
      );
      expect(await ids({ search: 'name2' })).toEqual(
        where((i) => String(i.lead.traits.first_name).startsWith('Name2')),
      );
      expect(await ids({ search: 'rockets' })).toEqual(where((i) => i.lead.companyId === 'acme'));
      expect(await ids({ search: '50%' })).toEqual(['lead-04']);
      expect(await ids({ search: '5_%' })).toEqual([]);
    });

    it('neither skips nor repeats an unchanged lead while others change between pages', async () => {
      const { store, ws } = ctx();
      await seed(store, ws);
      const query = { sort: 'score', direction: 'desc', limit: 5 } as const;
      const before = (await listAll(store, ws, query)).map((i) => i.lead.id);
      const first = await store.listLeads(ws, query);
      const seen = first.items.map((i) => i.lead.id);
      // One lead already seen rises; one not yet seen drops to the bottom.
      const rises = seen[2] ?? '';
      const drops = before[12] ?? '';
      await store.putScore(ws, scoreRow(rises, { score: 1000 }));
      await store.putScore(ws, scoreRow(drops, { score: -1000 }));
      let after = first.next ?? undefined;
      while (after !== undefined) {
        const page = await store.listLeads(ws, { ...query, after });
        seen.push(...page.items.map((i) => i.lead.id));
        after = page.next ?? undefined;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual([...before].sort());
    });

    it('refuses a cursor it did not make, or one made for another order', async () => {
      const { store, ws } = ctx();
      await seed(store, ws);
      const query = { sort: 'score', direction: 'desc', limit: 5 } as const;
      const page = await store.listLeads(ws, query);
      const next = page.next ?? '';
      await expect(store.listLeads(ws, { ...query, after: 'garbage' })).rejects.toMatchObject({
        code: 'invalid',
      });
      await expect(
        store.listLeads(ws, { ...query, direction: 'asc', after: next }),
      ).rejects.toMatchObject({ code: 'invalid' });
    });
  });
}

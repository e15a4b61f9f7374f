// Contract: account scores, listed best first with keyset pages, and the lead-company links.
import { describe, expect, it } from 'vitest';
import type { AccountScoreRow } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';

const account = (companyId: string, score: number, segment = 'target'): AccountScoreRow => ({
  companyId,
  modelVersion: 1,
  score,
  fit: 10,
  engagement: score - 10,
  grade: 'A',
  segment,
  stage: 'bofu',
  contacts: 2,
  scoredAt: T0,
  updatedAt: T0,
});

export function accountScoresContract(makeStore: MakeStore): void {
  describe('account scores', () => {
    const ctx = useContext(makeStore);

    it('finds the contacts of a company and the companies of leads', async () => {
      const { store, ws } = ctx();
      for (const id of ['b', 'a', 'c', 'loner']) await store.upsertLead(ws, id, {}, T0);
      await store.setLeadCompany(ws, 'b', 'acme', T0);
      await store.setLeadCompany(ws, 'a', 'acme', T0);
      await store.setLeadCompany(ws, 'c', 'globex', T0);
      expect(await store.leadsOfCompany(ws, 'acme')).toEqual(['a', 'b']);
      expect(await store.leadsOfCompany(ws, 'nobody')).toEqual([]);
      const companies = await store.companiesOfLeads(ws, ['a', 'c', 'loner', 'missing']);
      expect([...companies.entries()].sort()).toEqual([
        ['a', 'acme'],
        ['c', 'globex'],
      ]);
    });

    it('stores account scores and lists them best first, page by page, by segment', async () => {
      const { store, ws } = ctx();
      await store.putAccountScores(ws, [
        account('c', 50),
        account('a', 90),
        account('b', 50),
        account('d', 10, 'other'),
      ]);
      await store.putAccountScores(ws, [account('a', 95)]);
      expect(await store.getAccountScore(ws, 'a')).toEqual(account('a', 95));
      expect(await store.getAccountScore(ws, 'zz')).toBeUndefined();
      const first = await store.listAccountScores(ws, { limit: 2 });
      expect(first.items.map((r) => r.companyId)).toEqual(['a', 'b']);
      const second = await store.listAccountScores(ws, { limit: 2, after: first.next });
      expect(second.items.map((r) => r.companyId)).toEqual(['c', 'd']);
      expect(second.next).toBeNull();
      const others = await store.listAccountScores(ws, { limit: 10, segment: 'other' });
      expect(others.items.map((r) => r.companyId)).toEqual(['d']);
      await expect(store.listAccountScores(ws, { limit: 2, after: 'junk' })).rejects.toThrow(
        'not a cursor',
      );
    });
  });
}

// Contract: a bulk import's reads and writes of leads and companies, and its pending leads.
import { describe, expect, it } from 'vitest';
import { T0, useContext, type MakeStore } from './harness.js';

export function importsContract(makeStore: MakeStore): void {
  describe('bulk import', () => {
    const ctx = useContext(makeStore);

    it('upserts whole leads, keeping when each was created, and reads them many at a time', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'old', { title: 'CTO', plan: 'pro' }, T0);
      await store.putLeads(
        ws,
        [
          { id: 'old', traits: { title: 'CEO' }, companyId: 'c1' },
          { id: 'new', traits: { n: 1 }, companyId: null },
          { id: 'new', traits: { n: 2 }, companyId: null },
        ],
        T0 + 10,
      );
      const found = await store.getLeads(ws, ['old', 'new', 'none', 'old']);
      expect([...found.keys()].sort()).toEqual(['new', 'old']);
      expect(found.get('old')).toEqual({
        id: 'old',
        traits: { title: 'CEO' },
        companyId: 'c1',
        createdAt: T0,
        updatedAt: T0 + 10,
      });
      expect(found.get('new')).toEqual({
        id: 'new',
        traits: { n: 2 },
        companyId: null,
        createdAt: T0 + 10,
        updatedAt: T0 + 10,
      });
      expect((await store.getLeads(ws, [])).size).toBe(0);
      await store.putLeads(ws, [], T0);
    });

    it('answers which messageIds are already stored, writing nothing', async () => {
      const { store, ws } = ctx();
      await store.ensureLeads(ws, ['l1'], T0);
      await store.insertEvent(ws, {
        messageId: 'm1',
        leadId: 'l1',
        anonymousId: null,
        type: 'track',
        name: 'Seen',
        time: T0,
        receivedAt: T0,
        payload: {},
      });
      expect(await store.storedMessageIds(ws, ['m1', 'm2', 'm1'])).toEqual(new Set(['m1']));
      expect(await store.storedMessageIds(ws, [])).toEqual(new Set());
      expect(await store.countEvents(ws)).toBe(1);
    });

    it('upserts whole companies and reads them many at a time', async () => {
      const { store, ws } = ctx();
      await store.upsertCompany(ws, 'c1', { name: 'Acme', size: 5 }, T0);
      await store.putCompanies(
        ws,
        [
          { id: 'c1', traits: { name: 'Acme Inc' } },
          { id: 'c2', traits: { name: 'Beta' } },
        ],
        T0 + 1,
      );
      const found = await store.getCompanies(ws, ['c1', 'c2', 'c3']);
      expect(found.get('c1')).toEqual({
        id: 'c1',
        traits: { name: 'Acme Inc' },
        createdAt: T0,
        updatedAt: T0 + 1,
      });
      expect(found.get('c2')?.traits).toEqual({ name: 'Beta' });
      expect(found.has('c3')).toBe(false);
    });

    it('notes pending leads once each, lists them by id in pages, and clears them', async () => {
      const { store, ws } = ctx();
      await store.markImportPending(ws, ['b', 'a', 'c', 'a']);
      await store.markImportPending(ws, ['b', 'd']);
      await store.markImportPending(ws, []);
      expect(await store.listImportPending(ws, { limit: 10 })).toEqual(['a', 'b', 'c', 'd']);
      expect(await store.listImportPending(ws, { after: 'b', limit: 1 })).toEqual(['c']);
      await store.clearImportPending(ws, ['a', 'c', 'zz']);
      await store.clearImportPending(ws, []);
      expect(await store.listImportPending(ws, { limit: 10 })).toEqual(['b', 'd']);
    });

    it('keeps the pending leads of each workspace apart', async () => {
      const { store, ws } = ctx();
      const other = (await store.createWorkspace(`other-${ws}`, T0)).id;
      await store.markImportPending(ws, ['a']);
      await store.markImportPending(other, ['b']);
      expect(await store.listImportPending(ws, { limit: 10 })).toEqual(['a']);
      expect(await store.listImportPending(other, { limit: 10 })).toEqual(['b']);
      await store.putLeads(other, [{ id: 'x', traits: {}, companyId: null }], T0);
      expect((await store.getLeads(ws, ['x'])).size).toBe(0);
    });
  });
}

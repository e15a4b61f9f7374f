// Contract: manual adjustments added, listed oldest first (per lead and for a set of leads),
// removed by id or once expired, erased with their lead, and kept to their workspace.
import { describe, expect, it } from 'vitest';
import type { Adjustment } from '../../core/manual-adjustment.js';
import { T0, useContext, type MakeStore } from './harness.js';

const adj = (id: string, at: number, extra: Partial<Adjustment> = {}): Adjustment => ({
  id,
  points: 10.5,
  reason: `reason ${id}`,
  author: 'ann@example.com',
  at,
  expiresAt: null,
  ...extra,
});

export function adjustmentsContract(makeStore: MakeStore): void {
  describe('adjustments', () => {
    const ctx = useContext(makeStore);

    it('lists a lead’s adjustments oldest first, as added, in its workspace only', async () => {
      const { store, ws, other } = ctx();
      await store.upsertLead(ws, 'u1', {}, T0);
      await store.addAdjustment(ws, 'u1', adj('b', T0 + 5, { expiresAt: T0 + 1000 }));
      await store.addAdjustment(ws, 'u1', adj('a', T0, { points: -3 }));
      await store.addAdjustment(ws, 'u2', adj('c', T0));
      expect(await store.listAdjustments(ws, 'u1')).toEqual([
        adj('a', T0, { points: -3 }),
        adj('b', T0 + 5, { expiresAt: T0 + 1000 }),
      ]);
      expect(await store.listAdjustments(other, 'u1')).toEqual([]);
      const many = await store.adjustmentsOfLeads(ws, ['u1', 'u2', 'u3']);
      expect([...many.keys()].sort()).toEqual(['u1', 'u2']);
      expect(many.get('u2')).toEqual([adj('c', T0)]);
      expect((await store.adjustmentsOfLeads(ws, [])).size).toBe(0);
    });

    it('removes one by id and answers it, nothing for an unknown id or another workspace', async () => {
      const { store, ws, other } = ctx();
      await store.addAdjustment(ws, 'u1', adj('a', T0));
      expect(await store.deleteAdjustment(other, 'u1', 'a')).toBeUndefined();
      expect(await store.deleteAdjustment(ws, 'u2', 'a')).toBeUndefined();
      expect(await store.deleteAdjustment(ws, 'u1', 'a')).toEqual(adj('a', T0));
      expect(await store.deleteAdjustment(ws, 'u1', 'a')).toBeUndefined();
      expect(await store.listAdjustments(ws, 'u1')).toEqual([]);
    });

    it('removes the expired ones at their instant, not before', async () => {
      const { store, ws } = ctx();
      await store.addAdjustment(ws, 'u1', adj('a', T0, { expiresAt: T0 + 100 }));
      await store.addAdjustment(ws, 'u1', adj('b', T0, { expiresAt: T0 + 200 }));
      await store.addAdjustment(ws, 'u1', adj('c', T0));
      expect(await store.deleteExpiredAdjustments(ws, 'u1', T0 + 99)).toEqual([]);
      expect(await store.deleteExpiredAdjustments(ws, 'u1', T0 + 100)).toEqual([
        adj('a', T0, { expiresAt: T0 + 100 }),
      ]);
      expect((await store.listAdjustments(ws, 'u1')).map((a) => a.id)).toEqual(['b', 'c']);
    });

    it('erases a lead’s adjustments with the lead', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'u1', {}, T0);
      await store.addAdjustment(ws, 'u1', adj('a', T0));
      await store.deleteLead(ws, 'u1');
      expect(await store.listAdjustments(ws, 'u1')).toEqual([]);
    });
  });
}

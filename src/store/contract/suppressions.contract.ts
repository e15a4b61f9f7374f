// Contract: the ids an erasure suppresses, the set-based check ingestion makes, refusals
// counted, the newest-first list with its keyset, lifting, and workspace isolation.
import { describe, expect, it } from 'vitest';
import { T0, useContext, type MakeStore } from './harness.js';

export function suppressionsContract(makeStore: MakeStore): void {
  describe('suppressions', () => {
    const ctx = useContext(makeStore);

    it('suppresses a lead id and the anonymous ids linked to it, once', async () => {
      const { store, ws, other } = ctx();
      await store.upsertLead(ws, 'u1', {}, T0);
      await store.linkIdentity(ws, 'anon-1', 'u1', T0);
      await store.linkIdentity(ws, 'alias-1', 'u1', T0);
      await store.linkIdentity(ws, 'anon-2', 'u2', T0);
      await store.linkIdentity(other, 'anon-3', 'u1', T0);
      expect(await store.suppressLead(ws, 'u1', T0)).toBe(3);
      expect(await store.listSuppressions(ws, { limit: 10 })).toEqual(
        [
          { id: 'u1', kind: 'userId' },
          { id: 'anon-1', kind: 'anonymousId' },
          { id: 'alias-1', kind: 'anonymousId' },
        ]
          .map((s) => ({ ...s, createdAt: T0, refusedCount: 0, lastRefusedAt: null }))
          .sort((a, b) => (a.id < b.id ? 1 : -1)),
      );
      // Again later: nothing new, the first record kept.
      expect(await store.suppressLead(ws, 'u1', T0 + 5)).toBe(0);
      expect((await store.listSuppressions(ws, { limit: 10 })).map((s) => s.createdAt)).toEqual([
        T0,
        T0,
        T0,
      ]);
      expect(await store.listSuppressions(other, { limit: 10 })).toEqual([]);
    });

    it('answers which of a set of ids are suppressed, in its workspace only', async () => {
      const { store, ws, other } = ctx();
      await store.linkIdentity(ws, 'anon-1', 'u1', T0);
      await store.suppressLead(ws, 'u1', T0);
      expect(await store.suppressedAmong(ws, ['u1', 'u2', 'anon-1', 'u1', 'anon-2'])).toEqual(
        new Set(['u1', 'anon-1']),
      );
      expect(await store.suppressedAmong(ws, [])).toEqual(new Set());
      expect(await store.suppressedAmong(other, ['u1', 'anon-1'])).toEqual(new Set());
    });

    it('counts refusals per id with the time of the last', async () => {
      const { store, ws, other } = ctx();
      await store.linkIdentity(ws, 'anon-1', 'u1', T0);
      await store.suppressLead(ws, 'u1', T0);
      await store.suppressLead(other, 'u1', T0);
      await store.countRefusals(
        ws,
        new Map([
          ['u1', 2],
          ['nobody', 4],
        ]),
        T0 + 10,
      );
      await store.countRefusals(ws, new Map([['u1', 1]]), T0 + 20);
      await store.countRefusals(ws, new Map(), T0 + 30);
      const byId = new Map((await store.listSuppressions(ws, { limit: 10 })).map((s) => [s.id, s]));
      expect(byId.get('u1')).toMatchObject({ refusedCount: 3, lastRefusedAt: T0 + 20 });
      expect(byId.get('anon-1')).toMatchObject({ refusedCount: 0, lastRefusedAt: null });
      expect(byId.has('nobody')).toBe(false);
      expect(await store.listSuppressions(other, { limit: 10 })).toEqual([
        { id: 'u1', kind: 'userId', createdAt: T0, refusedCount: 0, lastRefusedAt: null },
      ]);
    });

    it('lists newest first, page after page', async () => {
      const { store, ws } = ctx();
      for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries())
        await store.suppressLead(ws, id, T0 + (i < 2 ? 0 : i));
      const ids: string[] = [];
      let page = await store.listSuppressions(ws, { limit: 2 });
      while (page.length > 0) {
        ids.push(...page.map((s) => s.id));
        const last = page.at(-1)!;
        page = await store.listSuppressions(ws, {
          limit: 2,
          after: { createdAt: last.createdAt, id: last.id },
        });
      }
      expect(ids).toEqual(['e', 'd', 'c', 'b', 'a']);
    });

    it('lifts a suppression and answers it; another workspace cannot', async () => {
      const { store, ws, other } = ctx();
      await store.suppressLead(ws, 'u1', T0);
      await store.countRefusals(ws, new Map([['u1', 1]]), T0 + 1);
      expect(await store.liftSuppression(other, 'u1')).toBeUndefined();
      expect(await store.liftSuppression(ws, 'u1')).toEqual({
        id: 'u1',
        kind: 'userId',
        createdAt: T0,
        refusedCount: 1,
        lastRefusedAt: T0 + 1,
      });
      expect(await store.liftSuppression(ws, 'u1')).toBeUndefined();
      expect(await store.suppressedAmong(ws, ['u1'])).toEqual(new Set());
    });
  });
}

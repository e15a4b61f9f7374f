// Contract: transactions commit all or nothing, and concurrent ones lose no writes.
import { describe, expect, it } from 'vitest';
import { event, scoreRow, T0, useContext, type MakeStore } from './harness.js';

export function transactionsContract(makeStore: MakeStore): void {
  describe('transactions', () => {
    const ctx = useContext(makeStore);

    it('commits everything fn wrote and answers its result', async () => {
      const { store, ws } = ctx();
      const result = await store.transaction(async (tx) => {
        await tx.upsertLead(ws, 'u1', { email: 'a@x.io' }, T0);
        await tx.insertEvent(ws, event('m1', { leadId: 'u1' }));
        // Reads inside the transaction see its own writes.
        expect(await tx.getLead(ws, 'u1')).toBeDefined();
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.getLead(ws, 'u1')).toBeDefined();
      expect(await store.countEvents(ws)).toBe(1);
    });

    it('rolls back everything when fn throws, and rethrows', async () => {
      const { store, ws } = ctx();
      const failing = store.transaction(async (tx) => {
        await tx.upsertLead(ws, 'u1', { email: 'a@x.io' }, T0);
        await tx.insertEvent(ws, event('m1', { leadId: 'u1' }));
        await tx.putScore(ws, scoreRow('u1'));
        await tx.addModel(ws, { name: 'm' }, T0);
        await tx.linkIdentity(ws, 'anon', 'u1', T0);
        throw new Error('boom');
      });
      await expect(failing).rejects.toThrow('boom');
      expect(await store.getLead(ws, 'u1')).toBeUndefined();
      expect(await store.countEvents(ws)).toBe(0);
      expect(await store.getScore(ws, 'u1')).toBeUndefined();
      expect(await store.listModels(ws)).toEqual([]);
      expect(await store.resolveIdentity(ws, 'anon')).toBeUndefined();
      // The store still works, and the rolled-back version number is not skipped into a gap.
      expect(await store.addModel(ws, { name: 'm' }, T0)).toBe(1);
    });

    it('keeps every write of concurrent transactions, and none of a failed one', async () => {
      const { store, ws } = ctx();
      const writers = Array.from({ length: 20 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.upsertLead(ws, 'u1', { [`k${i}`]: i }, T0 + i);
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          await tx.insertEvent(ws, event(`m${i}`, { leadId: 'u1', time: T0 + i }));
          if (i === 7) throw new Error('writer 7 fails');
        }),
      );
      const results = await Promise.allSettled(writers);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      const traits = (await store.getLead(ws, 'u1'))?.traits ?? {};
      expect(Object.keys(traits).sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `k${i}`)
          .filter((k) => k !== 'k7')
          .sort(),
      );
      const ids = (await store.eventsOfLead(ws, 'u1')).map((e) => e.messageId);
      expect(ids).toHaveLength(19);
      expect(ids).not.toContain('m7');
    });

    it('refuses the store itself inside a transaction, but not work that outlives it', async () => {
      const { store, ws } = ctx();
      let later: Promise<unknown> = Promise.resolve();
      // Opened only once the transaction has ended (a timer could fire while it still commits).
      let release = () => {};
      const ended = new Promise<void>((resolve) => (release = resolve));
      await store.transaction(async (tx) => {
        await tx.upsertLead(ws, 'u1', {}, T0);
        await expect(store.getLead(ws, 'u1')).rejects.toMatchObject({ code: 'invalid' });
        later = ended.then(() => store.getLead(ws, 'u1'));
      });
      release();
      expect(await later).toMatchObject({ id: 'u1' });
    });

    it('makes read-modify-write of a lead safe across concurrent transactions with lockLeads', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'u1', { n: 0 }, T0);
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.transaction(async (tx) => {
            // Overlapping sets in different orders must queue, not deadlock.
            await tx.lockLeads(ws, i % 2 === 0 ? ['u1', 'u2'] : ['u2', 'u1']);
            const n = Number((await tx.getLead(ws, 'u1'))?.traits.n);
            await tx.upsertLead(ws, 'u1', { n: n + 1 }, T0);
          }),
        ),
      );
      expect((await store.getLead(ws, 'u1'))?.traits.n).toBe(10);
    });

    it('dedupes the same messageId sent by concurrent transactions', async () => {
      const { store, ws } = ctx();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.transaction((tx) => tx.insertEvent(ws, event('m1')))),
      );
      expect(results.filter((r) => r.inserted)).toHaveLength(1);
      expect(new Set(results.map((r) => r.seq)).size).toBe(1);
      expect(await store.countEvents(ws)).toBe(1);
    });
  });
}

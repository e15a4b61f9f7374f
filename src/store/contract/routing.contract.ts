// Contract: lead routing (owner, tags), once-only markers, round-robin turns.
import { describe, expect, it } from 'vitest';
import { T0, useContext, type MakeStore } from './harness.js';

export function routingContract(makeStore: MakeStore): void {
  describe('lead routing', () => {
    const ctx = useContext(makeStore);

    it('keeps an owner and tags per lead, tags added once each in first-added order', async () => {
      const { store, ws } = ctx();
      expect(await store.getLeadRouting(ws, 'u1')).toEqual({ owner: null, tags: [] });
      await store.addLeadTags(ws, 'u1', ['hot', 'webinar'], T0);
      await store.setLeadOwner(ws, 'u1', 'ann@acme.io', T0);
      await store.addLeadTags(ws, 'u1', ['webinar', 'pricing', 'pricing'], T0 + 1);
      expect(await store.getLeadRouting(ws, 'u1')).toEqual({
        owner: 'ann@acme.io',
        tags: ['hot', 'webinar', 'pricing'],
      });
      await store.setLeadOwner(ws, 'u1', null, T0 + 2);
      expect(await store.getLeadRouting(ws, 'u1')).toMatchObject({ owner: null });
      expect(await store.getLeadRouting(ws, 'u2')).toEqual({ owner: null, tags: [] });
    });

    it('claims a once-only key the first time only, per lead', async () => {
      const { store, ws } = ctx();
      expect(await store.claimOnce(ws, 'u1', 'mql#0', T0)).toBe(true);
      expect(await store.claimOnce(ws, 'u1', 'mql#0', T0 + 1)).toBe(false);
      expect(await store.claimOnce(ws, 'u2', 'mql#0', T0)).toBe(true);
      expect(await store.claimOnce(ws, 'u1', 'mql#1', T0)).toBe(true);
    });

    it('hands out round-robin turns in order, per key, even from concurrent transactions', async () => {
      const { store, ws } = ctx();
      const turns = await Promise.all(
        Array.from({ length: 9 }, () =>
          store.transaction((tx) => tx.nextRoundRobin(ws, 'mql#0', 3)),
        ),
      );
      expect(turns.sort()).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
      expect(await store.nextRoundRobin(ws, 'other', 2)).toBe(0);
    });

    it('does the same for many leads at once, as one at a time in order', async () => {
      const { store, ws } = ctx();
      await store.addLeadTags(ws, 'u1', ['old'], T0);
      await store.addLeadTagsMany(
        ws,
        [
          { leadId: 'u1', tags: ['hot', 'old'] },
          { leadId: 'u2', tags: ['cold'] },
          { leadId: 'u1', tags: ['pricing', 'hot'] },
        ],
        T0,
      );
      await store.setLeadOwners(
        ws,
        [
          { leadId: 'u1', owner: 'ann' },
          { leadId: 'u3', owner: 'bob' },
          { leadId: 'u1', owner: 'eve' },
        ],
        T0,
      );
      const routings = await store.getLeadRoutings(ws, ['u1', 'u2', 'u3', 'u4']);
      expect(Object.fromEntries(routings)).toEqual({
        u1: { owner: 'eve', tags: ['old', 'hot', 'pricing'] },
        u2: { owner: null, tags: ['cold'] },
        u3: { owner: 'bob', tags: [] },
        u4: { owner: null, tags: [] },
      });
      await store.claimOnce(ws, 'u2', 'mql#0', T0);
      expect(
        await store.claimOnceMany(
          ws,
          [
            { leadId: 'u1', key: 'mql#0' },
            { leadId: 'u2', key: 'mql#0' },
            { leadId: 'u1', key: 'mql#0' },
            { leadId: 'u1', key: 'mql#1' },
          ],
          T0,
        ),
      ).toEqual([true, false, false, true]);
      expect(await store.claimOnceMany(ws, [], T0)).toEqual([]);
      expect(await store.nextRoundRobin(ws, 'rr', 3)).toBe(0);
      expect(await store.nextRoundRobins(ws, 'rr', 3, 4)).toEqual([1, 2, 0, 1]);
      expect(await store.nextRoundRobin(ws, 'rr', 3)).toBe(2);
      expect(await store.nextRoundRobins(ws, 'fresh', 2, 3)).toEqual([0, 1, 0]);
      expect(await store.nextRoundRobins(ws, 'fresh', 2, 0)).toEqual([]);
    });

    it('erasing a lead removes its routing, once markers and webhook messages', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'u1', {}, T0);
      await store.setLeadOwner(ws, 'u1', 'bob', T0);
      await store.claimOnce(ws, 'u1', 'k', T0);
      const hook = await store.createWebhook(
        ws,
        { url: 'http://127.0.0.1:9/h', eventTypes: ['lead.assigned'], secret: 'whsec_dGVzdA==' },
        T0,
      );
      await store.transaction((tx) =>
        tx.enqueueNotifications(ws, [
          { type: 'lead.assigned', leadId: 'u1', data: { owner: 'bob' }, at: T0 },
          { type: 'lead.assigned', leadId: 'u2', data: { owner: 'eve' }, at: T0 },
        ]),
      );
      const erased = await store.deleteLead(ws, 'u1');
      expect(erased.routing).toBe(2);
      // Its webhook messages go too, delivered or not; another lead's stay.
      expect(erased.notifications).toBe(1);
      const left = await store.listWebhookDeliveries(ws, hook.id, { limit: 10 });
      expect(left.items.map((d) => d.leadId)).toEqual(['u2']);
      expect(await store.getLeadRouting(ws, 'u1')).toEqual({ owner: null, tags: [] });
      expect(await store.claimOnce(ws, 'u1', 'k', T0)).toBe(true);
    });
  });
}

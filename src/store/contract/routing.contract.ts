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

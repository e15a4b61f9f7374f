// Contract: leads and their traits, companies, identities, and erasure.
import { describe, expect, it } from 'vitest';
import { event, scoreRow, T0, useContext, type MakeStore } from './harness.js';

export function leadsContract(makeStore: MakeStore): void {
  describe('leads, companies, identities', () => {
    const ctx = useContext(makeStore);

    it('merges traits shallowly, as Segment identify does', async () => {
      const { store, ws } = ctx();
      expect(await store.getLead(ws, 'u1')).toBeUndefined();
      const created = await store.upsertLead(ws, 'u1', { email: 'a@x.io', plan: { tier: 1 } }, T0);
      expect(created).toEqual({
        id: 'u1',
        traits: { email: 'a@x.io', plan: { tier: 1 } },
        companyId: null,
        createdAt: T0,
        updatedAt: T0,
      });
      const merged = await store.upsertLead(ws, 'u1', { plan: { seats: 3 }, title: 'CTO' }, T0 + 9);
      const expected = {
        id: 'u1',
        traits: { email: 'a@x.io', plan: { seats: 3 }, title: 'CTO' },
        companyId: null,
        createdAt: T0,
        updatedAt: T0 + 9,
      };
      expect(merged).toEqual(expected);
      expect(await store.getLead(ws, 'u1')).toEqual(expected);
    });

    it('creates missing leads without traits and leaves existing ones as they are', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'known', { title: 'CTO' }, T0);
      await store.ensureLeads(ws, ['known', 'new-1', 'new-2', 'new-1'], T0 + 5);
      expect(await store.getLead(ws, 'known')).toEqual({
        id: 'known',
        traits: { title: 'CTO' },
        companyId: null,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(await store.getLead(ws, 'new-1')).toEqual({
        id: 'new-1',
        traits: {},
        companyId: null,
        createdAt: T0 + 5,
        updatedAt: T0 + 5,
      });
      expect(await store.getLead(ws, 'new-2')).toMatchObject({ traits: {} });
      await store.ensureLeads(ws, [], T0);
    });

    it('links a lead to a company and reads company traits', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'u1', {}, T0);
      await store.upsertCompany(ws, 'c1', { name: 'Acme', size: 50 }, T0);
      const company = await store.upsertCompany(ws, 'c1', { industry: 'saas' }, T0 + 1);
      expect(company).toEqual({
        id: 'c1',
        traits: { name: 'Acme', size: 50, industry: 'saas' },
        createdAt: T0,
        updatedAt: T0 + 1,
      });
      expect(await store.getCompany(ws, 'c1')).toEqual(company);
      await store.setLeadCompany(ws, 'u1', 'c1', T0 + 2);
      expect(await store.getLead(ws, 'u1')).toMatchObject({ companyId: 'c1', updatedAt: T0 + 2 });
      await store.setLeadCompany(ws, 'u1', null, T0 + 3);
      expect((await store.getLead(ws, 'u1'))?.companyId).toBeNull();
      await expect(store.setLeadCompany(ws, 'nobody', 'c1', T0)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('merges identities: the anonymous history moves to the known lead', async () => {
      const { store, ws } = ctx();
      const anon = { leadId: null, anonymousId: 'anon-1' };
      await store.insertEvent(ws, event('a1', { ...anon, time: T0 + 2 }));
      await store.insertEvent(ws, event('a2', { ...anon, time: T0 + 1 }));
      await store.insertEvent(ws, event('a3', { leadId: null, anonymousId: 'anon-2' }));
      await store.insertEvent(ws, event('k1', { leadId: 'u1', time: T0 + 3 }));
      expect(await store.resolveIdentity(ws, 'anon-1')).toBeUndefined();

      await store.linkIdentity(ws, 'anon-1', 'u1', T0 + 4);
      expect(await store.resolveIdentity(ws, 'anon-1')).toBe('u1');
      expect(await store.assignAnonymousEvents(ws, 'anon-1', 'u1')).toBe(2);
      expect(await store.assignAnonymousEvents(ws, 'anon-1', 'u1')).toBe(0);
      const events = await store.eventsOfLead(ws, 'u1');
      expect(events.map((e) => e.messageId)).toEqual(['a2', 'a1', 'k1']);
      expect(events[0]?.anonymousId).toBe('anon-1');

      // An anonymous id maps to one lead: a later link moves it.
      await store.linkIdentity(ws, 'anon-1', 'u2', T0 + 5);
      expect(await store.resolveIdentity(ws, 'anon-1')).toBe('u2');
    });

    it('erases everything about a lead and says what it removed', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'u1', { email: 'gone@x.io' }, T0);
      await store.upsertLead(ws, 'u2', { email: 'stays@x.io' }, T0);
      await store.linkIdentity(ws, 'anon-1', 'u1', T0);
      await store.linkIdentity(ws, 'anon-2', 'u1', T0);
      await store.insertEvent(ws, event('e1', { leadId: 'u1' }));
      await store.insertEvent(ws, event('e2', { leadId: 'u1' }));
      await store.insertEvent(ws, event('e3', { leadId: null, anonymousId: 'anon-2' }));
      await store.insertEvent(ws, event('e4', { leadId: 'u2' }));
      await store.putScore(ws, scoreRow('u1'));
      await store.putScore(ws, scoreRow('u2'));
      const history = { at: T0, cause: 'event', causeRef: 'e1', modelVersion: 1, previous: null };
      const snapshot = { score: 1, grade: null, segment: 's', stage: 'tofu' } as const;
      for (const leadId of ['u1', 'u1', 'u2']) {
        await store.appendHistory(ws, { ...history, cause: 'event', ...snapshot, leadId });
      }

      expect(await store.deleteLead(ws, 'u1')).toEqual({
        leads: 1,
        events: 3,
        scores: 1,
        history: 2,
        identities: 2,
        routing: 0,
        lifecycle: 0,
        notifications: 0,
      });
      expect(await store.getLead(ws, 'u1')).toBeUndefined();
      expect(await store.eventsOfLead(ws, 'u1')).toEqual([]);
      expect(await store.getScore(ws, 'u1')).toBeUndefined();
      expect(await store.listHistory(ws, 'u1', { limit: 10 })).toEqual([]);
      expect(await store.resolveIdentity(ws, 'anon-1')).toBeUndefined();
      expect(await store.countEvents(ws)).toBe(1);
      // The other lead is untouched.
      expect(await store.getLead(ws, 'u2')).toBeDefined();
      expect(await store.getScore(ws, 'u2')).toBeDefined();
      expect(await store.listHistory(ws, 'u2', { limit: 10 })).toHaveLength(1);
      expect(await store.deleteLead(ws, 'u1')).toEqual({
        leads: 0,
        events: 0,
        scores: 0,
        history: 0,
        identities: 0,
        routing: 0,
        lifecycle: 0,
        notifications: 0,
      });
    });
  });
}

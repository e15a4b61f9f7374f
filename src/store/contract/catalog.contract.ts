// Contract: the catalog's keyset pages of lead and company traits and of event properties (every
// event, attributed or not, in seq order), and the one stored catalog per workspace.
import { describe, expect, it } from 'vitest';
import { T0, event, useContext, type MakeStore } from './harness.js';

export function catalogContract(makeStore: MakeStore): void {
  describe('catalog', () => {
    const ctx = useContext(makeStore);

    it('pages through leads and companies in id order with their traits', async () => {
      const { store, ws, other } = ctx();
      for (const id of ['c', 'a', 'b', 'd', 'e']) {
        await store.upsertLead(ws, id, { title: `t-${id}`, company: { size: id } }, T0);
      }
      await store.upsertLead(other, 'x', { title: 'elsewhere' }, T0);
      await store.upsertCompany(ws, 'acme', { industry: 'software' }, T0);
      const first = await store.catalogLeadsPage(ws, { limit: 2 });
      expect(first.map((r) => r.id)).toEqual(['a', 'b']);
      expect(first[0]?.traits).toEqual({ title: 't-a', company: { size: 'a' } });
      const rest = await store.catalogLeadsPage(ws, { after: 'b', limit: 10 });
      expect(rest.map((r) => r.id)).toEqual(['c', 'd', 'e']);
      expect(await store.catalogCompaniesPage(ws, { limit: 10 })).toEqual([
        { id: 'acme', traits: { industry: 'software' } },
      ]);
      expect(await store.catalogCompaniesPage(other, { limit: 10 })).toEqual([]);
    });

    it('pages through every event with its name, time and properties only', async () => {
      const { store, ws, other } = ctx();
      await store.insertEvent(ws, event('m1', { payload: { properties: { type: 'paper' } } }));
      await store.insertEvent(
        ws,
        event('m2', { leadId: null, anonymousId: 'anon', name: 'Page', time: T0 + 5 }),
      );
      await store.insertEvent(ws, event('m3', { payload: { event: 'no properties' } }));
      await store.insertEvent(ws, event('m4', { payload: { properties: ['not', 'an object'] } }));
      await store.insertEvent(other, event('m5'));
      const all = await store.catalogEventsPage(ws, { limit: 10 });
      expect(all.map((e) => [e.name, e.time, e.properties])).toEqual([
        ['Webinar Registered', T0, { type: 'paper' }],
        ['Page', T0 + 5, { n: 1 }],
        ['Webinar Registered', T0, {}],
        ['Webinar Registered', T0, {}],
      ]);
      const after = await store.catalogEventsPage(ws, { afterSeq: all[1]!.seq, limit: 1 });
      expect(after.map((e) => e.seq)).toEqual([all[2]!.seq]);
    });

    it('keeps one catalog per workspace, replaced by the next', async () => {
      const { store, ws, other } = ctx();
      expect(await store.getCatalog(ws)).toBeUndefined();
      await store.putCatalog(ws, { document: { leads: 1, name: 'é"' }, computedAt: T0 });
      await store.putCatalog(ws, { document: { leads: 2 }, computedAt: T0 + 1 });
      expect(await store.getCatalog(ws)).toEqual({ document: { leads: 2 }, computedAt: T0 + 1 });
      expect(await store.getCatalog(other)).toBeUndefined();
    });

    it("drops the workspace's catalog when a lead is erased (its values may be in it)", async () => {
      const { store, ws, other } = ctx();
      await store.upsertLead(ws, 'gone', { email: 'gone@acme.io' }, T0);
      await store.putCatalog(ws, { document: { values: ['gone@acme.io'] }, computedAt: T0 });
      await store.putCatalog(other, { document: {}, computedAt: T0 });
      await store.deleteLead(ws, 'gone');
      expect(await store.getCatalog(ws)).toBeUndefined();
      expect(await store.getCatalog(other)).toEqual({ document: {}, computedAt: T0 });
    });
  });
}

// Contract: no method reads or writes another workspace's rows, even with the same ids.
import { describe, expect, it } from 'vitest';
import type { Store, StoredEvent } from '../port.js';
import { event, scoreRow, T0, useContext, type MakeStore } from './harness.js';

const history = {
  leadId: 'u1',
  at: T0,
  cause: 'event',
  causeRef: 'm1',
  modelVersion: 1,
  score: 5,
  grade: null,
  segment: 'cold',
  stage: 'tofu',
  previous: null,
} as const;

/** Everything the workspace holds, read through every read method. */
async function snapshot(store: Store, ws: string, jobId: string) {
  const batches: StoredEvent[][] = [];
  for await (const batch of store.streamEventsByLead(ws, { batchSize: 2 })) batches.push(batch);
  return {
    lead: await store.getLead(ws, 'u1'),
    company: await store.getCompany(ws, 'c1'),
    identity: await store.resolveIdentity(ws, 'anon'),
    events: await store.eventsOfLead(ws, 'u1'),
    page: await store.eventsOfLeadsPage(ws, { limit: 10 }),
    batches,
    count: await store.countEvents(ws),
    score: await store.getScore(ws, 'u1'),
    history: await store.listHistory(ws, 'u1', { limit: 10 }),
    models: await store.listModels(ws),
    model: await store.getModel(ws, 1),
    active: await store.activeModel(ws),
    job: await store.getJob(ws, jobId),
    keys: await store.listApiKeys(ws),
    list: await store.listLeads(ws, { sort: 'score', direction: 'desc', limit: 10 }),
    scoring: await store.scoringEventsPage(ws, {
      limit: 10,
      types: ['track'],
      payloadKeys: ['properties'],
    }),
    jobs: await store.listJobs(ws, { status: ['queued'] }),
    ids: await store.listLeadIds(ws, { changedSince: T0 }),
  };
}

export function isolationContract(makeStore: MakeStore): void {
  describe('workspace isolation', () => {
    const ctx = useContext(makeStore);

    it('keeps every method inside its workspace', async () => {
      const { store, ws, other } = ctx();
      await store.upsertLead(ws, 'u1', { email: 'a@x.io' }, T0);
      await store.upsertCompany(ws, 'c1', { name: 'Acme' }, T0);
      await store.setLeadCompany(ws, 'u1', 'c1', T0);
      await store.linkIdentity(ws, 'anon', 'u1', T0);
      await store.insertEvent(ws, event('m1', { leadId: 'u1' }));
      await store.insertEvent(ws, event('m2', { leadId: null, anonymousId: 'anon' }));
      await store.putScore(ws, scoreRow('u1'));
      await store.appendHistory(ws, history);
      await store.addModel(ws, { name: 'mine' }, T0);
      await store.activateModel(ws, 1, T0);
      const job = await store.createJob(ws, { kind: 'rescore', total: 1 }, T0);
      const key = await store.addApiKey({
        workspaceId: ws,
        kind: 'admin',
        hash: 'h1',
        prefix: 'p',
        createdAt: T0,
      });
      const before = await snapshot(store, ws, job.id);

      // The other workspace sees none of it.
      const empty = await snapshot(store, other, job.id);
      expect(empty).toEqual({
        lead: undefined,
        company: undefined,
        identity: undefined,
        events: [],
        page: { events: [], next: null },
        batches: [],
        count: 0,
        score: undefined,
        history: [],
        models: [],
        model: undefined,
        active: undefined,
        job: undefined,
        keys: [],
        list: { items: [], next: null },
        scoring: { events: [], next: null },
        jobs: [],
        ids: [],
      });

      // Nothing done through the other workspace changes this one, even with the same ids.
      expect(await store.revokeApiKey(other, key.id, T0)).toBe(false);
      expect(await store.assignAnonymousEvents(other, 'anon', 'u1')).toBe(0);
      await expect(store.setLeadCompany(other, 'u1', null, T0)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(store.activateModel(other, 1, T0)).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.updateJob(other, job.id, { progress: 1 })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(await store.deleteLead(other, 'u1')).toEqual({
        leads: 0,
        events: 0,
        scores: 0,
        history: 0,
        identities: 0,
        routing: 0,
        lifecycle: 0,
        notifications: 0,
      });
      await store.upsertLead(other, 'u1', { email: 'b@y.io' }, T0 + 1);
      await store.upsertCompany(other, 'c1', { name: 'Other' }, T0 + 1);
      await store.linkIdentity(other, 'anon', 'u9', T0 + 1);
      expect((await store.insertEvent(other, event('m1', { leadId: 'u1' }))).inserted).toBe(true);
      await store.putScore(other, scoreRow('u1', { score: 99 }));
      await store.putScores(other, [scoreRow('u1', { score: 98 })]);
      await store.appendHistory(other, { ...history, score: 77 });
      expect(await store.addModel(other, { name: 'theirs' }, T0)).toBe(1);
      await store.activateModel(other, 1, T0 + 1);
      await store.createJob(other, { kind: 'rescore', total: 2 }, T0);

      expect(await snapshot(store, ws, job.id)).toEqual(before);
      expect(before.lead?.traits).toEqual({ email: 'a@x.io' });
      expect(before.count).toBe(2);
      expect(await store.findApiKeyByHash('h1')).toMatchObject({ workspaceId: ws });
    });

    it('forgets a workspace whose creation rolled back, even when another gets its key', async () => {
      const { store } = ctx();
      // The store maps workspace ids to internal keys; SQLite hands a rolled-back key out again.
      let gone = '';
      await expect(
        store.transaction(async (tx) => {
          gone = (await tx.createWorkspace('rolled back', T0)).id;
          await tx.upsertLead(gone, 'u1', { email: 'gone@x.io' }, T0);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      const next = (await store.createWorkspace('next', T0)).id;
      await store.upsertLead(next, 'u1', { email: 'next@x.io' }, T0);
      expect(await store.getWorkspace(gone)).toBeUndefined();
      expect(await store.getLead(gone, 'u1')).toBeUndefined();
      expect(await store.listLeadIds(gone, { changedSince: 0 })).toEqual([]);
      await expect(store.upsertLead(gone, 'u2', {}, T0)).rejects.toThrow();
      expect((await store.getLead(next, 'u1'))?.traits).toEqual({ email: 'next@x.io' });
    });
  });
}

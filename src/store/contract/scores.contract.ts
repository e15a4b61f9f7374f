// Contract: score rows (single and bulk), score history, model versions, jobs.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../port.js';
import { scoreRow, T0, useContext, type MakeStore } from './harness.js';

const entry = (at: number, score: number): HistoryEntry => ({
  leadId: 'u1',
  at,
  cause: 'event',
  causeRef: `m${at}`,
  modelVersion: 1,
  score,
  grade: null,
  segment: 'nurture',
  stage: 'tofu',
  previous: { score: score - 1, grade: 'C', segment: 'cold', stage: 'tofu' },
});

export function scoresContract(makeStore: MakeStore): void {
  describe('scores, history, models, jobs', () => {
    const ctx = useContext(makeStore);

    it('stores a score row with its state exactly and replaces it on upsert', async () => {
      const { store, ws } = ctx();
      expect(await store.getScore(ws, 'u1')).toBeUndefined();
      const row = scoreRow('u1', { engagement: 0.1 + 0.2, lastEventTime: null, grade: null });
      // Decayed values get tiny and long: the state must come back bit for bit.
      row.state.rules[0] = { value: 1e-300, ref: T0, last: T0, used: 1 / 3, window: [] };
      await store.putScore(ws, row);
      expect(await store.getScore(ws, 'u1')).toEqual(row);
      const updated = scoreRow('u1', { score: 42, modelVersion: 2, segment: 'sales' });
      await store.putScore(ws, updated);
      expect(await store.getScore(ws, 'u1')).toEqual(updated);
    });

    it('bulk-upserts 20,000 rows, the later row winning for a repeated lead', async () => {
      const { store, ws } = ctx();
      const rows = Array.from({ length: 20_000 }, (_, i) => scoreRow(`lead-${i}`, { score: i }));
      await store.putScores(ws, rows);
      await store.putScores(ws, [
        scoreRow('lead-7', { score: -1 }),
        scoreRow('lead-7', { score: 777, segment: 'sales' }),
      ]);
      expect(await store.getScore(ws, 'lead-19999')).toEqual(rows[19_999]);
      expect(await store.getScore(ws, 'lead-7')).toMatchObject({ score: 777, segment: 'sales' });
      await store.putScores(ws, []);
    });

    it('lists the leads due by a time, of every workspace, earliest first', async () => {
      const { store, ws } = ctx();
      const other = (await store.createWorkspace('other', T0)).id;
      await store.putScores(ws, [
        scoreRow('late', { dueAt: T0 + 300 }),
        scoreRow('never', { dueAt: null }),
        scoreRow('early', { dueAt: T0 + 100 }),
        scoreRow('later', { dueAt: T0 + 900 }),
      ]);
      await store.putScore(other, scoreRow('elsewhere', { dueAt: T0 + 200 }));
      expect(await store.listDueLeads(T0 + 300, 10)).toEqual([
        { workspaceId: ws, leadId: 'early', dueAt: T0 + 100 },
        { workspaceId: other, leadId: 'elsewhere', dueAt: T0 + 200 },
        { workspaceId: ws, leadId: 'late', dueAt: T0 + 300 },
      ]);
      expect(await store.listDueLeads(T0 + 300, 1)).toHaveLength(1);
      expect(await store.listDueLeads(T0 + 99, 10)).toEqual([]);
      // A new score without a due time takes the lead off the list.
      await store.putScore(ws, scoreRow('early', { dueAt: null }));
      expect((await store.listDueLeads(T0 + 300, 10)).map((d) => d.leadId)).toEqual([
        'elsewhere',
        'late',
      ]);
      expect((await store.getScore(ws, 'late'))?.dueAt).toBe(T0 + 300);
    });

    it('reads many score rows at once, leaving out leads without one', async () => {
      const { store, ws } = ctx();
      const rows = Array.from({ length: 50 }, (_, i) => scoreRow(`lead-${i}`, { score: i }));
      await store.putScores(ws, rows);
      const found = await store.getScores(ws, ['lead-3', 'nobody', 'lead-49', 'lead-3']);
      expect([...found.keys()].sort()).toEqual(['lead-3', 'lead-49']);
      expect(found.get('lead-3')).toEqual(rows[3]);
      expect(found.get('lead-49')).toEqual(rows[49]);
      expect((await store.getScores(ws, [])).size).toBe(0);
    });

    it('appends many history entries at once, in the given order', async () => {
      const { store, ws } = ctx();
      const entries = [
        entry(T0 + 5, 1),
        { ...entry(T0 + 5, 2), previous: null },
        { ...entry(T0 + 5, 3), leadId: 'u2', grade: 'A' },
        entry(T0 + 5, 4),
      ];
      await store.appendHistories(ws, entries);
      await store.appendHistories(ws, []);
      // Equal times: newest first means the reverse of the order they were given in.
      expect(await store.listHistory(ws, 'u1', { limit: 10 })).toEqual([
        entries[3],
        entries[1],
        entries[0],
      ]);
      expect(await store.listHistory(ws, 'u2', { limit: 10 })).toEqual([entries[2]]);
    });

    it('lists history newest first, limited', async () => {
      const { store, ws } = ctx();
      await store.appendHistory(ws, entry(T0 + 1, 1));
      await store.appendHistory(ws, entry(T0 + 3, 3));
      await store.appendHistory(ws, entry(T0 + 2, 2));
      await store.appendHistory(ws, { ...entry(T0 + 3, 4), cause: 'model', previous: null });
      const listed = await store.listHistory(ws, 'u1', { limit: 3 });
      expect(listed.map((h) => h.score)).toEqual([4, 3, 2]);
      expect(listed[0]).toEqual({ ...entry(T0 + 3, 4), cause: 'model', previous: null });
      expect(listed[1]).toEqual(entry(T0 + 3, 3));
    });

    it('numbers model versions per workspace and activates one', async () => {
      const { store, ws, other } = ctx();
      const spec = { name: 'b2b', segments: [{ id: 'all', stage: 'tofu' }] };
      expect(await store.addModel(ws, spec, T0)).toBe(1);
      expect(await store.addModel(ws, { ...spec, name: 'v2' }, T0 + 1)).toBe(2);
      expect(await store.addModel(other, spec, T0)).toBe(1);
      expect(await store.getModel(ws, 1)).toEqual({
        version: 1,
        spec,
        createdAt: T0,
        note: null,
        author: null,
      });
      expect(await store.getModel(ws, 3)).toBeUndefined();
      expect((await store.listModels(ws)).map((m) => m.version)).toEqual([1, 2]);
      expect(await store.activeModel(ws)).toBeUndefined();
      expect(await store.activeModelVersion(ws)).toBeUndefined();
      await store.activateModel(ws, 2, T0 + 5);
      expect(await store.activeModelVersion(ws)).toBe(2);
      expect(await store.activeModelVersion(other)).toBeUndefined();
      expect(await store.activeModel(ws)).toEqual({
        version: 2,
        spec: { ...spec, name: 'v2' },
        activatedAt: T0 + 5,
      });
      await store.activateModel(ws, 1, T0 + 6);
      expect(await store.activeModel(ws)).toMatchObject({ version: 1, activatedAt: T0 + 6 });
      expect(await store.activeModelVersion(ws)).toBe(1);
      await expect(store.activateModel(ws, 9, T0)).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.activeModel(ws)).toMatchObject({ version: 1 });
    });

    it('hands out distinct versions to concurrent uploads', async () => {
      const { store, ws } = ctx();
      const versions = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.addModel(ws, { name: `m${i}` }, T0)),
      );
      expect([...versions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('keeps one result document per job, replaced on a second put', async () => {
      const { store, ws, other } = ctx();
      const job = await store.createJob(ws, { kind: 'backtest', total: 0 }, T0);
      expect(await store.getJobResult(ws, job.id)).toBeUndefined();
      const result = { moves: [{ from: 'hot', to: null, count: 3 }], auc: 0.75, note: 'ü' };
      await store.putJobResult(ws, job.id, result);
      expect(await store.getJobResult(ws, job.id)).toEqual(result);
      await store.putJobResult(ws, job.id, { auc: 0.8 });
      expect(await store.getJobResult(ws, job.id)).toEqual({ auc: 0.8 });
      expect(await store.getJobResult(other, job.id)).toBeUndefined();
    });

    it('versions predictive models per workspace, at most one active', async () => {
      const { store, ws, other } = ctx();
      const artifact = (auc: number) => ({ format: 'x', report: { metrics: { rocAuc: auc } } });
      const model = (kind: string, auc: number) => ({
        kind,
        document: artifact(auc),
        metrics: { rocAuc: auc },
      });
      expect(await store.activePredictiveModel(ws)).toBeUndefined();
      const [v1, v2] = await Promise.all([
        store.addPredictiveModel(ws, model('lr', 0.7), T0),
        store.addPredictiveModel(ws, model('gbdt', 0.8), T0 + 1),
      ]);
      expect([v1, v2].sort()).toEqual([1, 2]);
      expect(await store.addPredictiveModel(other, model('lr', 0.5), T0)).toBe(1);
      expect(await store.getPredictiveModel(ws, v2!)).toEqual(artifact(v2 === 2 ? 0.8 : 0.7));
      expect(await store.activatePredictiveModel(ws, 9)).toBe(false);
      expect(await store.activatePredictiveModel(ws, 1)).toBe(true);
      expect(await store.activatePredictiveModel(ws, 2)).toBe(true);
      const listed = await store.listPredictiveModels(ws);
      expect(listed.map((m) => [m.version, m.active])).toEqual([
        [1, false],
        [2, true],
      ]);
      expect(listed[1]!.metrics).toEqual(
        ((await store.getPredictiveModel(ws, 2)) as { report: { metrics: object } }).report.metrics,
      );
      expect((await store.activePredictiveModel(ws))?.version).toBe(2);
      expect(await store.activePredictiveModel(other)).toBeUndefined();
      expect(await store.activatePredictiveModel(ws, null)).toBe(true);
      expect(await store.activePredictiveModel(ws)).toBeUndefined();
    });

    it('tells when each lead first entered each segment', async () => {
      const { store, ws, other } = ctx();
      const at = (leadId: string, t: number, segment: string) => ({
        ...entry(t, 1),
        leadId,
        segment,
      });
      await store.appendHistories(ws, [
        at('u1', T0 + 5, 'nurture'),
        at('u1', T0 + 9, 'hot'),
        at('u1', T0 + 2, 'nurture'),
        at('u1', T0 + 12, 'nurture'),
        at('u2', T0 + 7, 'cold'),
        at('u3', T0 + 1, 'hot'),
      ]);
      await store.appendHistories(other, [at('u1', T0, 'hot')]);
      expect(await store.firstReached(ws, ['u1', 'u2', 'nobody'])).toEqual([
        { leadId: 'u1', segment: 'nurture', at: T0 + 2 },
        { leadId: 'u1', segment: 'hot', at: T0 + 9 },
        { leadId: 'u2', segment: 'cold', at: T0 + 7 },
      ]);
      expect(await store.firstReached(ws, [])).toEqual([]);
    });

    it('leases a job to one owner at a time until the lease runs out', async () => {
      const { store, ws, other } = ctx();
      const job = await store.createJob(ws, { kind: 'activate-model:1', total: 0 }, T0);
      expect(await store.leaseJob(ws, job.id, 'a', T0 + 30, T0)).toBe(true);
      // Held by a: b is refused until it runs out; a may renew.
      expect(await store.leaseJob(ws, job.id, 'b', T0 + 40, T0 + 10)).toBe(false);
      expect(await store.leaseJob(ws, job.id, 'a', T0 + 60, T0 + 20)).toBe(true);
      expect(await store.leaseJob(ws, job.id, 'b', T0 + 90, T0 + 59)).toBe(false);
      // a died: its lease ran out, b takes the job over; a cannot get it back.
      expect(await store.leaseJob(ws, job.id, 'b', T0 + 120, T0 + 61)).toBe(true);
      expect(await store.leaseJob(ws, job.id, 'a', T0 + 150, T0 + 62)).toBe(false);
      // Released by its holder only.
      await store.releaseJob(ws, job.id, 'a');
      expect(await store.leaseJob(ws, job.id, 'c', T0 + 150, T0 + 63)).toBe(false);
      await store.releaseJob(ws, job.id, 'b');
      expect(await store.leaseJob(ws, job.id, 'c', T0 + 150, T0 + 63)).toBe(true);
      // Another workspace's job, or none, cannot be leased.
      expect(await store.leaseJob(other, job.id, 'd', T0 + 200, T0 + 64)).toBe(false);
      expect(await store.leaseJob(ws, 'nope', 'd', T0 + 200, T0 + 64)).toBe(false);
      expect(await store.getJob(ws, job.id)).toMatchObject({ status: 'queued' });
      // A live lease of an owner known to be dead may be taken over, by name only.
      expect(await store.jobLeaseOwner(ws, job.id)).toBe('c');
      expect(await store.leaseJob(ws, job.id, 'e', T0 + 300, T0 + 70, 'x')).toBe(false);
      expect(await store.leaseJob(ws, job.id, 'e', T0 + 300, T0 + 70, 'c')).toBe(true);
      expect(await store.jobLeaseOwner(ws, job.id)).toBe('e');
      await store.releaseJob(ws, job.id, 'e');
      expect(await store.jobLeaseOwner(ws, job.id)).toBeNull();
    });

    it('creates, updates and reads jobs', async () => {
      const { store, ws } = ctx();
      const job = await store.createJob(ws, { kind: 'rescore', total: 100 }, T0);
      expect(job).toEqual({
        id: job.id,
        kind: 'rescore',
        status: 'queued',
        progress: 0,
        total: 100,
        error: null,
        createdAt: T0,
        startedAt: null,
        finishedAt: null,
      });
      const running = await store.updateJob(ws, job.id, { status: 'running', startedAt: T0 + 1 });
      expect(running).toMatchObject({ status: 'running', startedAt: T0 + 1, progress: 0 });
      await store.updateJob(ws, job.id, { progress: 60 });
      const failed = await store.updateJob(ws, job.id, {
        status: 'failed',
        error: 'boom',
        finishedAt: T0 + 2,
      });
      expect(failed).toMatchObject({ status: 'failed', progress: 60, error: 'boom' });
      expect(await store.getJob(ws, job.id)).toEqual(failed);
      expect(await store.updateJob(ws, job.id, {})).toEqual(failed);
      await expect(store.updateJob(ws, 'missing', { progress: 1 })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(await store.getJob(ws, 'missing')).toBeUndefined();
    });

    it('lists the jobs in given statuses, oldest first', async () => {
      const { store, ws, other } = ctx();
      const make = (kind: string, at: number) => store.createJob(ws, { kind, total: 0 }, at);
      const late = await make('late', T0 + 9);
      const done = await make('done', T0 + 1);
      const early = await make('early', T0);
      const running = await make('running', T0 + 5);
      await store.updateJob(ws, done.id, { status: 'succeeded' });
      await store.updateJob(ws, running.id, { status: 'running', startedAt: T0 + 6 });
      await store.createJob(other, { kind: 'theirs', total: 0 }, T0);
      const unfinished = await store.listJobs(ws, { status: ['queued', 'running'] });
      expect(unfinished.map((j) => j.kind)).toEqual(['early', 'running', 'late']);
      expect(unfinished[1]).toEqual(await store.getJob(ws, running.id));
      expect((await store.listJobs(ws, { status: ['succeeded'] })).map((j) => j.id)).toEqual([
        done.id,
      ]);
      expect(await store.listJobs(ws, { status: [] })).toEqual([]);
      expect(late.status).toBe('queued');
      expect(early.status).toBe('queued');
    });
  });
}

// Scheduled retraining on real stores: when a run is due, the challenger judged against the active
// version on the same held-out leads, activated only when not worse by the rule, every run
// recorded; with no active version there is nothing to challenge.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { storedDataset } from '../src/service/analytics/stored-dataset.js';
import { activatePredictiveVersion } from '../src/service/predictive/predictive-activation.js';
import { runRetraining } from '../src/service/predictive/retraining.js';
import { retrainDue } from '../src/service/predictive/retraining-sweep.js';
import { trainVersion } from '../src/service/predictive/train-version.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';
import { seedPredictiveLeads } from './predictive-leads.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

describe.each(freshStores())('retraining on $name', ({ open }) => {
  it('challenges the active version and activates only what the rule lets through', async () => {
    const store = await open();
    const models = new ActiveModels();
    const ws = (await createWorkspaceWithKeys(store, 'r', T0 - 100 * DAY)).workspace.id;
    await seedPredictiveLeads(store, ws, T0);

    const none = await runRetraining(store, models, ws, { maxAucDrop: 0 }, T0);
    expect(none).toMatchObject({ seq: 1, decision: 'failed', activeVersion: null });
    expect(none.reason).toContain('no active predictive model');

    const read = await storedDataset(store, models, ws, T0);
    const first = await trainVersion(store, ws, read, 'lr', T0);
    await activatePredictiveVersion(store, ws, first.version, true);

    // The active version learnt from every row (refit); the challenger is judged on rows it did
    // not learn from: an exacting rule keeps the active, a lenient one lets the challenger in.
    const strict = await runRetraining(store, models, ws, { maxAucDrop: 0 }, T0 + DAY);
    expect(strict).toMatchObject({ seq: 2, activeVersion: 1, challengerVersion: 2 });
    expect(strict.heldOut).toBe(first.heldOut.labels.length);
    expect(strict.activeAuc).toBeGreaterThan(0.5);
    expect(strict.challengerAuc).toBeGreaterThan(0.5);
    const notWorse = strict.challengerAuc! >= strict.activeAuc!;
    expect(strict.decision).toBe(notWorse ? 'activated' : 'kept');
    expect((await store.activePredictiveModel(ws))?.version).toBe(notWorse ? 2 : 1);

    const activeBefore = (await store.activePredictiveModel(ws))!.version;
    const lenient = await runRetraining(store, models, ws, { maxAucDrop: 0.5 }, T0 + 2 * DAY);
    expect(lenient).toMatchObject({
      seq: 3,
      activeVersion: activeBefore,
      challengerVersion: 3,
      decision: 'activated',
    });
    expect(lenient.reason).toContain('not worse, activated');
    expect((await store.activePredictiveModel(ws))?.version).toBe(3);

    const runs = await store.listRetrainingRuns(ws);
    expect(runs.map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(runs[0]).toEqual(lenient);
    expect(runs[0]!.at).toBe(T0 + 2 * DAY);
  });

  it('runs a due schedule once across servers, then again a period later', async () => {
    const store = await open();
    const models = new ActiveModels();
    const ws = (await createWorkspaceWithKeys(store, 's', T0 - 100 * DAY)).workspace.id;
    await seedPredictiveLeads(store, ws, T0);
    const first = await trainVersion(
      store,
      ws,
      await storedDataset(store, models, ws, T0),
      'lr',
      T0,
    );
    await activatePredictiveVersion(store, ws, first.version, true);
    await store.putRetrainingSchedule(ws, { everyDays: 14, rule: { maxAucDrop: 0.5 } }, T0);

    expect(await retrainDue(store, models, T0 + 13 * DAY)).toBe(0);
    // Two servers' rounds at once: one of them runs it.
    const rounds = await Promise.all([
      retrainDue(store, models, T0 + 14 * DAY),
      retrainDue(store, models, T0 + 14 * DAY),
    ]);
    expect(rounds[0]! + rounds[1]!).toBe(1);
    expect(await retrainDue(store, models, T0 + 20 * DAY)).toBe(0);
    const runs = await store.listRetrainingRuns(ws);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ at: T0 + 14 * DAY, activeVersion: 1, challengerVersion: 2 });
    expect(await retrainDue(store, models, T0 + 28 * DAY)).toBe(1);
    expect((await store.listRetrainingRuns(ws)).map((r) => r.challengerVersion)).toEqual([3, 2]);

    await store.putRetrainingSchedule(ws, { everyDays: null, rule: { maxAucDrop: 0 } }, T0);
    expect(await retrainDue(store, models, T0 + 999 * DAY)).toBe(0);
  });

  it('keeps the schedule and lists the runs over the API, audited', async () => {
    const store = await open();
    const models = new ActiveModels();
    const app = await buildApp({ store, models, clock: () => T0 });
    const made = await createWorkspaceWithKeys(store, 'a', T0 - 100 * DAY);
    const ws = made.workspace.id;
    const headers = { authorization: `Bearer ${made.admin.secret}` };
    const get = (url: string) => app.inject({ method: 'GET', url, headers });
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: '/v1/predictive/schedule', headers, payload });

    expect((await get('/v1/predictive/schedule')).json()).toEqual({
      everyDays: null,
      rule: { maxAucDrop: 0 },
      updatedAt: null,
    });
    const set = await put({ everyDays: 14, rule: { maxAucDrop: 0.01 } });
    expect(set.statusCode).toBe(200);
    const expected = {
      everyDays: 14,
      rule: { maxAucDrop: 0.01 },
      updatedAt: new Date(T0).toISOString(),
    };
    expect(set.json()).toEqual(expected);
    expect((await get('/v1/predictive/schedule')).json()).toEqual(expected);
    expect((await put({ everyDays: 0 })).statusCode).toBe(400);
    expect((await put({ everyDays: null })).json()).toMatchObject({
      everyDays: null,
      rule: { maxAucDrop: 0 },
    });
    const audit = await store.listAudit(ws, { filter: {}, limit: 10 });
    expect(audit.map((e) => e.action)).toContain('predictive.schedule');

    expect((await get('/v1/predictive/retraining')).json()).toEqual({ items: [] });
    await runRetraining(store, models, ws, { maxAucDrop: 0 }, T0 + DAY);
    expect((await get('/v1/predictive/retraining')).json()).toEqual({
      items: [
        {
          seq: 1,
          at: new Date(T0 + DAY).toISOString(),
          activeVersion: null,
          challengerVersion: null,
          activeAuc: null,
          challengerAuc: null,
          heldOut: 0,
          decision: 'failed',
          reason: 'no active predictive model to challenge: activate one first',
        },
      ],
    });
  });
});

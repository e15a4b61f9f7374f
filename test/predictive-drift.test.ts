// Drift of a trained predictive version over the HTTP API on real stores: unchanged leads show no
// warning; leads whose traits moved after training warn on the probability and on the trait;
// a version trained before baselines were kept says it has none.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { JsonObject } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { N, seedPredictiveLeads } from './predictive-leads.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

interface DriftItem {
  psi: number;
  warning: boolean;
}
interface DriftBody {
  version: number;
  threshold: number;
  baseline: { leads: number } | null;
  reason: string | null;
  leads: number;
  probability: DriftItem | null;
  features: (DriftItem & { column: string })[];
}

describe.each(freshStores())('predictive drift on $name', ({ open }) => {
  it('warns when the leads moved after training, not when they did not', async () => {
    const store = await open();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => T0 });
    const made = await createWorkspaceWithKeys(store, 'd', T0 - 100 * DAY);
    const ws = made.workspace.id;
    const headers = { authorization: `Bearer ${made.admin.secret}` };
    const get = (url: string) => app.inject({ method: 'GET', url, headers });
    await seedPredictiveLeads(store, ws, T0);

    const none = await get('/v1/predictive/drift');
    expect(none.statusCode).toBe(404);
    expect(none.json<{ error: { message: string } }>().error.message).toContain(
      'no active predictive model',
    );

    const started = await app.inject({
      method: 'POST',
      url: '/v1/predictive/train',
      headers,
      payload: { kind: 'lr' },
    });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    let status = 'queued';
    for (let i = 0; i < 800 && status !== 'succeeded' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = (await get(`/v1/jobs/${jobId}`)).json<{ status: string }>().status;
    }
    expect(status).toBe('succeeded');

    const same = await get('/v1/predictive/drift?version=1');
    expect(same.statusCode).toBe(200);
    const unchanged = same.json<DriftBody>();
    expect(unchanged).toMatchObject({ version: 1, threshold: 0.2, reason: null, leads: N });
    expect(unchanged.baseline).toEqual({ leads: N });
    expect(unchanged.probability).toEqual({ psi: 0, warning: false });
    const columns = unchanged.features.map((f) => f.column);
    expect(columns).toContain('title');
    expect(columns.length).toBeGreaterThan(0);
    expect(columns.length).toBeLessThanOrEqual(5);
    expect(unchanged.features.every((f) => f.psi === 0 && !f.warning)).toBe(true);

    // Every lead becomes a VP: the title and the probability move far from training time.
    for (let i = 0; i < N; i++) await store.upsertLead(ws, `L${i}`, { title: 'VP Sales' }, T0);
    const moved = (await get('/v1/predictive/drift?version=1')).json<DriftBody>();
    expect(moved.probability!.warning).toBe(true);
    expect(moved.probability!.psi).toBeGreaterThan(0.2);
    const title = moved.features.find((f) => f.column === 'title')!;
    expect(title.warning).toBe(true);
    expect(title.psi).toBeGreaterThan(0.2);

    // A version stored before baselines were kept answers that it has none.
    const document = (await store.getPredictiveModel(ws, 1))!;
    const { drift: _kept, ...older } = document['artifact'] as JsonObject;
    expect(_kept).toBeDefined();
    const version = await store.addPredictiveModel(
      ws,
      { kind: 'lr', document: { ...document, artifact: older }, metrics: {} },
      T0,
    );
    const old = (await get(`/v1/predictive/drift?version=${version}`)).json<DriftBody>();
    expect(old.baseline).toBeNull();
    expect(old.probability).toBeNull();
    expect(old.reason).toContain('no baseline');

    expect((await get('/v1/predictive/drift?version=99')).statusCode).toBe(404);
  });
});

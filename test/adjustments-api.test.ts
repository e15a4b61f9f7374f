// Manual score adjustments over the HTTP API on both stores: the score and its explanation follow
// (contributions still add up to it), history cause `manual`, removal by hand and at the expiry
// instant by the decay sweep (fixed clock), kept through the activation of another model version,
// validation naming the field, and sales limited to its own leads.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { sweepDue } from '../src/service/decay/sweep-due.js';
import { startActivation } from '../src/service/models/activation.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { signedInUser } from './team-fixtures.js';
import { workspaceWithModel } from './test-workspace.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const model = parseModel(`
name: adjust
fit:
  criteria:
    - { id: vp, when: { field: title, exists: true }, points: 20 }
engagement:
  rules:
    - { id: demo, event: Demo Requested, points: 25 }
segments:
  - { id: hot, min: 50, stage: bofu }
  - { id: warm, min: 30, stage: mofu }
  - { id: cold, stage: tofu }
`);
const other = parseModel(`
name: adjust v2
engagement:
  rules:
    - { id: demo, event: Demo Requested, points: 5 }
segments:
  - { id: hot, min: 50, stage: bofu }
  - { id: cold, stage: tofu }
`);

interface Contribution {
  kind: string;
  id: string;
  afterDecay: number;
  reason?: string;
  author?: string;
  expiresAt?: string | null;
}
interface LeadBody {
  score: number;
  segment: string;
  contributions: Contribution[];
}

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const clock = { now: T0 };
  const models = new ActiveModels();
  const app: FastifyInstance = await buildApp({ store, models, clock: () => clock.now });
  const a = await workspaceWithModel(store, 'a', model, T0 - 24 * H);
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: a.admin, ...(payload ? { payload } : {}) });
  const lead = async (id: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: a.write,
      payload: {
        batch: [
          { type: 'identify', userId: id, traits: { title: 'VP Sales' }, timestamp: iso(T0 - H) },
          { type: 'track', userId: id, event: 'Demo Requested', timestamp: iso(T0 - H) },
        ],
      },
    });
    expect(res.statusCode).toBeLessThan(300);
  };
  const view = async (id: string) => (await call('GET', `/v1/leads/${id}`)).json<LeadBody>();
  return { store, app, clock, models, a, call, lead, view };
}

const sum = (body: LeadBody) => body.contributions.reduce((s, c) => s + c.afterDecay, 0);

describe.each(freshStores())('manual adjustments on $name', ({ open }) => {
  it('adds points with a reason, explained and in history, and removes them', async () => {
    const { store, a, call, lead, view } = await setup(open);
    await lead('u1');
    const before = await view('u1');
    expect(before).toMatchObject({ score: 45, segment: 'warm' });

    const made = await call('POST', '/v1/leads/u1/adjustments', {
      points: 10,
      reason: 'Met at the trade show',
    });
    expect(made.statusCode).toBe(201);
    const adjustment = made.json<{ id: string; author: string }>();
    expect(adjustment).toMatchObject({
      points: 10,
      reason: 'Met at the trade show',
      createdAt: iso(T0),
      expiresAt: null,
    });
    expect(adjustment.author).not.toBe('');

    const after = await view('u1');
    expect(after).toMatchObject({ score: 55, segment: 'hot' });
    expect(sum(after)).toBeCloseTo(after.score, 9);
    expect(after.contributions).toContainEqual(
      expect.objectContaining({
        kind: 'manual',
        id: adjustment.id,
        afterDecay: 10,
        reason: 'Met at the trade show',
        author: adjustment.author,
        expiresAt: null,
      }),
    );
    expect((await store.getScore(a.ws, 'u1'))?.score).toBe(55);
    const [entry] = await store.listHistory(a.ws, 'u1', { limit: 1 });
    expect(entry).toMatchObject({
      cause: 'manual',
      causeRef: adjustment.id,
      segment: 'hot',
      previous: { segment: 'warm' },
    });
    const listed = await call('GET', '/v1/leads/u1/adjustments');
    expect(listed.json()).toEqual({ adjustments: [made.json()] });

    const removed = await call('DELETE', `/v1/leads/u1/adjustments/${adjustment.id}`);
    expect(removed.statusCode).toBe(200);
    expect(await view('u1')).toMatchObject({ score: 45, segment: 'warm' });
    const [last] = await store.listHistory(a.ws, 'u1', { limit: 1 });
    expect(last).toMatchObject({ cause: 'manual', causeRef: adjustment.id, segment: 'warm' });
    expect((await call('DELETE', `/v1/leads/u1/adjustments/${adjustment.id}`)).statusCode).toBe(
      404,
    );
    expect((await call('GET', '/v1/leads/nobody/adjustments')).statusCode).toBe(404);
    expect(
      (await call('POST', '/v1/leads/nobody/adjustments', { points: 1, reason: 'x' })).statusCode,
    ).toBe(404);
  });

  it('expires at its instant: the sweep removes it then, not a millisecond before', async () => {
    const { store, models, a, call, lead, view, clock } = await setup(open);
    await lead('u1');
    const expiresAt = T0 + 2 * H;
    const made = await call('POST', '/v1/leads/u1/adjustments', {
      points: -20,
      reason: 'Student, not a buyer',
      expiresAt: iso(expiresAt),
    });
    expect(made.statusCode).toBe(201);
    const id = made.json<{ id: string }>().id;
    expect(await view('u1')).toMatchObject({ score: 25, segment: 'cold' });
    expect((await store.getScore(a.ws, 'u1'))?.dueAt).toBe(expiresAt);

    expect(await sweepDue(store, models, expiresAt - 1)).toEqual({ leads: 0, changes: 0 });
    expect((await store.getScore(a.ws, 'u1'))?.score).toBe(25);
    expect(await sweepDue(store, models, expiresAt)).toEqual({ leads: 1, changes: 1 });
    expect(await store.getScore(a.ws, 'u1')).toMatchObject({ score: 45, segment: 'warm' });
    expect(await store.listAdjustments(a.ws, 'u1')).toEqual([]);
    const [entry] = await store.listHistory(a.ws, 'u1', { limit: 1 });
    expect(entry).toMatchObject({ cause: 'manual', causeRef: id, at: expiresAt, score: 45 });
    clock.now = expiresAt;
    const after = await view('u1');
    expect(after.contributions.some((c) => c.kind === 'manual')).toBe(false);
  });

  it('survives the activation of another model version', async () => {
    const { store, models, a, call, lead, view, clock } = await setup(open);
    await lead('u1');
    await call('POST', '/v1/leads/u1/adjustments', { points: 50, reason: 'Board intro' });
    const v2 = await store.addModel(a.ws, other as unknown as Record<string, unknown>, T0);
    clock.now = T0 + H;
    const { running } = await startActivation(store, models, a.ws, v2, () => clock.now);
    await running;
    expect(await store.activeModel(a.ws)).toMatchObject({ version: v2 });
    const after = await view('u1');
    expect(after).toMatchObject({ score: 55, segment: 'hot' });
    expect(sum(after)).toBeCloseTo(after.score, 9);
    expect((await store.getScore(a.ws, 'u1'))?.score).toBe(55);
  });

  it('keeps an adjustment made before any model is active, counted from the first', async () => {
    const { store, models, app, clock } = await setup(open);
    const made = await createWorkspaceWithKeys(store, 'unscored', T0);
    const ws = made.workspace.id;
    await store.upsertLead(ws, 'u9', { title: 'VP' }, T0);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/leads/u9/adjustments',
      headers: { authorization: `Bearer ${made.admin.secret}` },
      payload: { points: 7, reason: 'Referral' },
    });
    expect(res.statusCode).toBe(201);
    expect(await store.getScore(ws, 'u9')).toBeUndefined();
    const v1 = await store.addModel(ws, model as unknown as Record<string, unknown>, T0);
    clock.now = T0 + H;
    await (
      await startActivation(store, models, ws, v1, () => clock.now)
    ).running;
    expect((await store.getScore(ws, 'u9'))?.score).toBe(27);
  });

  it('answers 400 naming the field for bad input', async () => {
    const { call, lead } = await setup(open);
    await lead('u1');
    const cases: [object, string][] = [
      [{ points: 0, reason: 'x' }, 'points'],
      [{ points: 'abc', reason: 'x' }, 'points'],
      [{ points: 1e9, reason: 'x' }, 'points'],
      [{ points: 5 }, 'reason'],
      [{ points: 5, reason: '   ' }, 'reason'],
      [{ points: 5, reason: 'x'.repeat(501) }, 'reason'],
      [{ points: 5, reason: 'x', expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ points: 5, reason: 'x', expiresAt: iso(T0 - 1) }, 'expiresAt'],
      [{ points: 5, reason: 'x', extra: 1 }, 'extra'],
    ];
    for (const [payload, field] of cases) {
      const res = await call('POST', '/v1/leads/u1/adjustments', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.body, JSON.stringify(payload)).toContain(field);
    }
  });

  it('lets sales adjust its own leads only', async () => {
    const { store, app, a, lead } = await setup(open);
    await lead('mine');
    await lead('theirs');
    await store.setLeadOwner(a.ws, 'mine', 'rep@example.com', T0);
    await store.setLeadOwner(a.ws, 'theirs', 'other@example.com', T0);
    const rep = await signedInUser(store, a.ws, 'rep@example.com', 'sales', T0);
    const post = (id: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/leads/${id}/adjustments`,
        headers: rep.unsafeHeaders,
        payload: { points: 5, reason: 'Called back' },
      });
    expect((await post('theirs')).statusCode).toBe(403);
    const mine = await post('mine');
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ author: 'rep@example.com' });
  });
});

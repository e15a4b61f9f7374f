// Backtests over the HTTP API on real stores: a candidate model tried against stored history and
// outcomes, figures worked out by hand; drafts as YAML, coded errors, nothing written.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import type { BacktestResult } from '../src/service/backtest/backtest-result.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

// Active: opens count. No decay, so every figure is exact.
const ACTIVE = `
name: opens
engagement:
  rules:
    - { id: open, event: Email Opened, points: 10 }
    - { id: demo, event: Demo Requested, points: 0 }
segments:
  - { id: hot, min: 20, stage: bofu }
  - { id: cold, stage: tofu }
`;
// Candidate: demo requests count.
const CANDIDATE = `
name: demos
engagement:
  rules:
    - { id: open, event: Email Opened, points: 1 }
    - { id: demo, event: Demo Requested, points: 30 }
segments:
  - { id: hot, min: 20, stage: bofu }
  - { id: cold, stage: tofu }
`;

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const clock = { now: T0 - 6 * DAY };
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => clock.now,
  });
  const made = await createWorkspaceWithKeys(store, 'bt', T0 - 30 * DAY);
  const admin = { authorization: `Bearer ${made.admin.secret}` };
  const write = {
    authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}`,
  };
  const upload = async (yaml: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { ...admin, 'content-type': 'application/yaml' },
      payload: yaml,
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ version: number }>().version;
  };
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: admin, payload });
  return { store, app, clock, ws: made.workspace.id, admin, write, upload, post };
}

type Ctx = Awaited<ReturnType<typeof setup>>;

/** Four leads, as worked out in the test below. */
async function history({ app, clock, write, post }: Ctx) {
  const track = (userId: string, event: string, daysAgo: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      type: 'track',
      userId,
      event,
      messageId: `${userId}-${event}-${i}`,
      timestamp: iso(T0 - daysAgo * DAY + i * 60_000),
    }));
  const batch = [
    ...track('L1', 'Email Opened', 5, 3),
    ...track('L2', 'Demo Requested', 4, 1),
    ...track('L3', 'Email Opened', 5, 2),
    ...track('L3', 'Demo Requested', 3, 1),
    { type: 'identify', userId: 'L4', traits: { name: 'Quiet' }, timestamp: iso(T0 - 5 * DAY) },
  ];
  const res = await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: write,
    payload: { batch },
  });
  expect(res.statusCode).toBe(200);
  clock.now = T0 - 2 * DAY;
  for (const id of ['L1', 'L4'])
    expect(
      (await post(`/v1/leads/${id}/outcome`, { outcome: 'lost', reason: 'no budget' })).statusCode,
    ).toBe(200);
  for (const id of ['L2', 'L3'])
    expect(
      (
        await post(`/v1/leads/${id}/outcome`, {
          outcome: 'converted',
          value: 1000,
          at: iso(T0 - 2 * DAY),
        })
      ).statusCode,
    ).toBe(200);
  clock.now = T0;
}

async function result(ctx: Ctx, body: object): Promise<BacktestResult> {
  const started = await ctx.post('/v1/models/backtest', body);
  expect(started.statusCode).toBe(202);
  const { jobId } = started.json<{ jobId: string }>();
  for (let i = 0; i < 800; i++) {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/jobs/${jobId}`,
      headers: ctx.admin,
    });
    const job = res.json<{
      status: string;
      error: string | null;
      result: BacktestResult | null;
      kind: string;
    }>();
    expect(job.kind).toBe('backtest');
    if (job.status === 'succeeded') return job.result!;
    if (job.status === 'failed') throw new Error(job.error ?? 'failed');
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the backtest did not finish');
}

describe.each(freshStores())('backtest API on $name', ({ open }) => {
  it('reports segment moves, the ranking of known outcomes and a capacity threshold', async () => {
    const ctx = await setup(open);
    const active = await ctx.upload(ACTIVE);
    expect((await ctx.post(`/v1/models/${active}/activate`, {})).statusCode).toBe(202);
    await waitActive(ctx, active);
    await history(ctx);
    const candidate = await ctx.upload(CANDIDATE);
    const scoresBefore = await ctx.store.getScores(ctx.ws, ['L1', 'L2', 'L3', 'L4']);

    const r = await result(ctx, { version: candidate, capacityPerWeek: 2, weeks: 1 });
    expect(r.activeVersion).toBe(active);
    expect(r.candidate).toEqual({ kind: 'rules', version: candidate, name: 'demos' });
    expect(r.leads).toBe(4);
    expect(r.segments).toEqual(['hot', 'cold']);
    // Now: L1 30 hot -> 3 cold; L2 0 cold -> 30 hot; L3 20 hot -> 32 hot; L4 0 cold -> 0 cold.
    expect(r.moves).toEqual([
      { from: 'hot', to: 'hot', count: 1 },
      { from: 'hot', to: 'cold', count: 1 },
      { from: 'cold', to: 'hot', count: 1 },
      { from: 'cold', to: 'cold', count: 1 },
    ]);
    expect(r.moved).toBe(2);
    // Converted L2 (0 | 30) and L3 (20 | 32); lost L1 (30 | 3) and L4 (0 | 0).
    // Active: L2-L1 0, L2-L4 tie 0.5, L3-L1 0, L3-L4 1 -> 1.5/4. Candidate: all pairs right.
    expect(r.ranking.known).toBe(4);
    expect(r.ranking.scope).toBe('known outcomes');
    expect(r.ranking.converted).toBe(2);
    expect(r.ranking.active?.auc).toBeCloseTo(0.375, 12);
    expect(r.ranking.candidate.auc).toBe(1);
    expect(r.ranking.candidate.bySegment).toEqual([
      { segment: 'hot', leads: 2, converted: 2, rate: 1 },
      { segment: 'cold', leads: 2, converted: 0, rate: 0 },
    ]);
    expect(r.ranking.active?.bySegment).toEqual([
      { segment: 'hot', leads: 2, converted: 1, rate: 0.5 },
      { segment: 'cold', leads: 2, converted: 1, rate: 0.5 },
    ]);
    // Best scores 32 (L3), 30 (L2), 3 (L1), 0 (L4), all reached in the last week; capacity 2:
    // 32 sends 1 a week (1 conversion), 30 sends 2 (2 conversions), 3 would send 3.
    expect(r.capacity?.curve.map((p) => [p.threshold, p.leadsPerWeek, p.conversionRate])).toEqual([
      [32, 1, 1],
      [30, 2, 1],
      [3, 3, 2 / 3],
      [0, 4, 0.5],
    ]);
    expect(r.capacity).toMatchObject({
      threshold: 30,
      leadsPerWeek: 2,
      expectedConversionsPerWeek: 2,
    });

    // Nothing was written: the scores are as they were, the active model too.
    expect(await ctx.store.getScores(ctx.ws, ['L1', 'L2', 'L3', 'L4'])).toEqual(scoresBefore);
    expect((await ctx.store.activeModel(ctx.ws))?.version).toBe(active);

    // Analytics over the same history: conversion among leads that reached each segment before
    // their outcome (hot: L1 lost, L3 converted), and the channel's funnel.
    const analytics = await ctx.post('/v1/analytics', {});
    const analyticsJob = analytics.json<{ jobId: string }>().jobId;
    interface AnalyticsReport {
      segmentsReached: { segment: string; leads: number; conversions: number }[];
      channelFunnel: { channel: string; allLeads: number; conversions: number }[];
    }
    let report: AnalyticsReport | null = null;
    for (let i = 0; i < 800 && !report; i++) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/v1/jobs/${analyticsJob}`,
        headers: ctx.admin,
      });
      const job = res.json<{ status: string; result: AnalyticsReport; error: string | null }>();
      if (job.status === 'failed') throw new Error(job.error ?? 'failed');
      if (job.status === 'succeeded') report = job.result;
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(report!.segmentsReached.find((r) => r.segment === 'hot')).toMatchObject({
      leads: 2,
      conversions: 1,
    });
    expect(report!.channelFunnel).toEqual([
      expect.objectContaining({
        channel: '(direct)',
        allLeads: 4,
        conversions: 2,
        reached: expect.objectContaining({ hot: 0.5 }),
      }),
    ]);

    // A draft as YAML gives the same report, as a draft.
    const draft = await result(ctx, { yaml: CANDIDATE });
    expect(draft.candidate).toEqual({ kind: 'rules', version: null, name: 'demos' });
    expect(draft.moves).toEqual(r.moves);
    expect(draft.capacity).toBeNull();
  });

  it('refuses a bad request with a coded error that says where', async () => {
    const ctx = await setup(open);
    const two = await ctx.post('/v1/models/backtest', { version: 1, yaml: 'name: x' });
    expect(two.statusCode).toBe(400);
    expect(two.json<{ error: { message: string } }>().error.message).toMatch(/exactly one of/);
    const missing = await ctx.post('/v1/models/backtest', { version: 9 });
    expect(missing.statusCode).toBe(404);
    const invalid = await ctx.post('/v1/models/backtest', {
      yaml: 'name: x\nengagement:\n  rules:\n    - { id: a, event: E, points: lots }\nsegments: [{ id: s, stage: tofu }]\n',
    });
    expect(invalid.statusCode).toBe(422);
    expect(JSON.stringify(invalid.json())).toMatch(
      /"path":"engagement\.rules\[0\]\.points".*"line":4/,
    );
    const capacity = await ctx.post('/v1/models/backtest', {
      yaml: CANDIDATE,
      capacityPerWeek: -1,
    });
    expect(capacity.statusCode).toBe(400);
  });
});

async function waitActive(ctx: Ctx, version: number) {
  for (let i = 0; i < 1000; i++) {
    if ((await ctx.store.activeModel(ctx.ws))?.version === version) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('activation did not finish');
}

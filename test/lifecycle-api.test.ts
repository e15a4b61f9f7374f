// The sales loop over the HTTP API on real stores: lifecycle reads, sales feedback, outcomes,
// moves and resets with 409s that say why, conversion events from ingestion, webhook
// notifications in the same transaction, erasure, isolation, and the hand-over report.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { handOver } from '../src/service/lifecycle/hand-over.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { workspaceWithModel } from './test-workspace.js';
import { freshStores } from './fresh-stores.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const model = parseModel(`
name: sales loop
engagement:
  rules:
    - { id: order, event: Order Completed, points: 50 }
segments:
  - { id: hot, min: 50, stage: bofu, qualified: true }
  - { id: cold, stage: tofu }
conversions: { event: order completed, valueField: properties.total }
`);

const workspace = (store: Store, name: string) => workspaceWithModel(store, name, model, T0);

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const clock = { now: T0 };
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => clock.now,
  });
  const a = await workspace(store, 'a');
  const b = await workspace(store, 'b');
  const lead = async (id: string, ws = a.ws) => store.upsertLead(ws, id, {}, T0 - 10 * 24 * H);
  const handOverAt = (id: string, segment: string, at: number, ws = a.ws) =>
    store.transaction((tx) => handOver(tx, ws, id, segment, at));
  const post = (url: string, payload: object, headers = a.admin) =>
    app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers = a.admin) => app.inject({ method: 'GET', url, headers });
  return { store, app, clock, a, b, lead, handOverAt, post, get };
}

interface LifecycleBody {
  stage: string;
  since: string;
  handover: { segment: string; at: string } | null;
  moves: {
    kind: string;
    from: string;
    to: string;
    reason: string | null;
    by: string | null;
    value: number | null;
    currency: string | null;
    cause: string;
    causeRef: string | null;
    at: string;
  }[];
}

/** The answer with only its newest move, to match against. */
function newest(res: { json<T>(): T }): LifecycleBody {
  const body = res.json<LifecycleBody>();
  return { ...body, moves: body.moves.slice(0, 1) };
}

describe.each(freshStores())('sales loop API on $name', ({ open }) => {
  it('walks a lead through the loop, each move in its history and feedback notified', async () => {
    const { store, app, clock, a, lead, handOverAt, post, get } = await setup(open);
    const hook = await store.createWebhook(
      a.ws,
      {
        url: 'https://crm.example/hook',
        eventTypes: ['lead.feedback_recorded'],
        secret: 'whsec_' + 'A'.repeat(32),
      },
      T0,
    );
    await lead('u1');
    const fresh = await get('/v1/leads/u1/lifecycle');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toEqual({
      leadId: 'u1',
      stage: 'subscriber',
      since: iso(T0 - 10 * 24 * H),
      handover: null,
      moves: [],
    });

    await handOverAt('u1', 'hot', T0);
    clock.now = T0 + 3 * H;
    const accepted = await post('/v1/leads/u1/feedback', {
      decision: 'accepted',
      by: 'ann@acme.io',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<LifecycleBody>()).toMatchObject({
      stage: 'sal',
      since: iso(T0 + 3 * H),
      handover: { segment: 'hot', at: iso(T0) },
      moves: [
        { kind: 'accepted', from: 'mql', to: 'sal', by: 'ann@acme.io', cause: 'api' },
        { kind: 'handed_over', from: 'subscriber', to: 'mql', cause: 'scoring', causeRef: 'hot' },
      ],
    });

    const late = await post('/v1/leads/u1/feedback', { decision: 'rejected', reason: 'no budget' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toEqual({
      error: {
        code: 'conflict',
        message:
          'cannot move the lead from "sal" to "lead": only a lead handed over to sales (stage "mql") ' +
          'can be rejected, and this one is past it already',
        details: { from: 'sal', to: 'lead' },
        requestId: late.headers['x-request-id'],
      },
    });
    const backward = await post('/v1/leads/u1/lifecycle', { stage: 'lead' });
    expect(backward.statusCode).toBe(409);
    expect(backward.json<{ error: { message: string } }>().error.message).toMatch(
      /from "sal" to "lead": the lifecycle only moves forward/,
    );

    expect((await post('/v1/leads/u1/lifecycle', { stage: 'opportunity' })).statusCode).toBe(200);
    clock.now = T0 + 48 * H;
    const converted = await post('/v1/leads/u1/outcome', {
      outcome: 'converted',
      value: 1200,
      currency: 'EUR',
      at: '2026-06-03T09:30:00+02:00',
    });
    expect(converted.statusCode).toBe(200);
    expect(newest(converted)).toMatchObject({
      stage: 'customer',
      since: '2026-06-03T07:30:00.000Z',
      moves: [
        { kind: 'converted', from: 'opportunity', to: 'customer', value: 1200, currency: 'EUR' },
      ],
    });

    // A purchase arriving as an event counts too: a repeat conversion with the event's value.
    const order = await post(
      '/v1/track',
      {
        userId: 'u1',
        messageId: 'order-7',
        event: 'Order Completed',
        properties: { total: '49.90' },
        timestamp: iso(T0 + 47 * H),
      },
      a.write,
    );
    expect(order.statusCode).toBe(200);
    const after = (await get('/v1/leads/u1/lifecycle')).json<LifecycleBody>();
    expect(after.stage).toBe('customer');
    expect(after.since).toBe('2026-06-03T07:30:00.000Z');
    expect(after.moves[0]).toMatchObject({
      kind: 'converted',
      from: 'customer',
      to: 'customer',
      value: 49.9,
      currency: null,
      cause: 'event',
      causeRef: 'order-7',
      at: iso(T0 + 47 * H),
    });
    expect(after.moves.map((m) => m.kind)).toEqual([
      'converted',
      'converted',
      'moved',
      'accepted',
      'handed_over',
    ]);
    // Stored again (a retry): not a second purchase.
    await post(
      '/v1/track',
      { userId: 'u1', messageId: 'order-7', event: 'Order Completed' },
      a.write,
    );
    expect((await get('/v1/leads/u1/lifecycle')).json<LifecycleBody>().moves).toHaveLength(5);

    const deliveries = await store.listWebhookDeliveries(a.ws, hook.id, { limit: 10 });
    expect(deliveries.items.map((d) => d.type)).toEqual([
      'lead.feedback_recorded',
      'lead.feedback_recorded',
      'lead.feedback_recorded',
    ]);
    const details = await Promise.all(
      deliveries.items.map((d) => store.getWebhookDelivery(a.ws, hook.id, d.id)),
    );
    expect(details.map((d) => d?.data.feedback).sort()).toEqual([
      'accepted',
      'converted',
      'converted',
    ]);
    expect(details.find((d) => d?.data.cause === 'event')?.data).toMatchObject({
      leadId: 'u1',
      feedback: 'converted',
      value: 49.9,
      segment: 'hot',
      handedOverAt: iso(T0),
    });

    // Reset: back to marketing, the hand-over cleared.
    const reset = await post('/v1/leads/u1/lifecycle/reset', {
      stage: 'lead',
      reason: 'refund',
      by: 'ops',
    });
    expect(reset.statusCode).toBe(200);
    expect(newest(reset)).toMatchObject({
      stage: 'lead',
      handover: null,
      moves: [{ kind: 'reset', from: 'customer', to: 'lead', reason: 'refund', by: 'ops' }],
    });

    // Erasure: the stage and the six moves.
    const erased = await app.inject({ method: 'DELETE', url: '/v1/leads/u1', headers: a.admin });
    expect(erased.json()).toMatchObject({ removed: { lifecycle: 7 } });
    expect((await get('/v1/leads/u1/lifecycle')).statusCode).toBe(404);
  });

  it('sends a rejected lead back to marketing, to be handed over again', async () => {
    const { lead, handOverAt, post, get } = await setup(open);
    await lead('u2');
    await handOverAt('u2', 'hot', T0);
    const rejected = await post('/v1/leads/u2/feedback', {
      decision: 'rejected',
      reason: ' no budget ',
    });
    expect(newest(rejected)).toMatchObject({
      stage: 'lead',
      handover: { segment: 'hot' },
      moves: [{ kind: 'rejected', from: 'mql', to: 'lead', reason: 'no budget' }],
    });
    await handOverAt('u2', 'hot', T0 + 24 * H);
    expect((await get('/v1/leads/u2/lifecycle')).json<LifecycleBody>()).toMatchObject({
      stage: 'mql',
      handover: { segment: 'hot', at: iso(T0 + 24 * H) },
    });
    const lost = await post('/v1/leads/u2/outcome', { outcome: 'lost', reason: 'went silent' });
    expect(newest(lost)).toMatchObject({ stage: 'lost', moves: [{ kind: 'lost' }] });
    expect(
      (await post('/v1/leads/u2/outcome', { outcome: 'lost', reason: 'again' })).statusCode,
    ).toBe(409);
    const disqualify = await post('/v1/leads/u2/lifecycle', { stage: 'disqualified', reason: 'x' });
    expect(disqualify.json()).toMatchObject({
      error: { code: 'conflict', details: { from: 'lost' } },
    });
  });

  it('refuses bad bodies with 400, unknown and foreign leads with 404, write keys with 403', async () => {
    const { clock, a, b, lead, handOverAt, post, get } = await setup(open);
    await lead('u1');
    await lead('theirs', b.ws);
    await handOverAt('u1', 'hot', T0);
    const bad = async (url: string, payload: object, field: string) => {
      const res = await post(url, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'invalid_request',
        message: expect.stringContaining(field),
      });
    };
    await bad('/v1/leads/u1/feedback', { decision: 'rejected' }, 'body.reason');
    await bad('/v1/leads/u1/feedback', { decision: 'rejected', reason: '  ' }, 'body.reason');
    await bad('/v1/leads/u1/feedback', { decision: 'maybe' }, 'body.decision');
    await bad('/v1/leads/u1/feedback', { decision: 'accepted', extra: 1 }, 'body');
    await bad('/v1/leads/u1/outcome', { outcome: 'lost' }, 'body.reason');
    await bad('/v1/leads/u1/outcome', { outcome: 'converted', value: -1 }, 'body.value');
    await bad('/v1/leads/u1/outcome', { outcome: 'converted', currency: 'euro' }, 'body.currency');
    await bad('/v1/leads/u1/outcome', { outcome: 'converted', at: 'yesterday' }, 'body.at');
    await bad('/v1/leads/u1/outcome', { outcome: 'converted', at: iso(clock.now + H) }, 'body.at');
    await bad('/v1/leads/u1/lifecycle', { stage: 'sal' }, 'body.stage');
    await bad('/v1/leads/u1/lifecycle', { stage: 'disqualified' }, 'body.reason');
    await bad('/v1/leads/u1/lifecycle/reset', { stage: 'lead' }, 'body.reason');
    await bad('/v1/leads/u1/lifecycle/reset', { stage: 'nowhere', reason: 'x' }, 'body.stage');

    expect((await post('/v1/leads/nobody/feedback', { decision: 'accepted' })).statusCode).toBe(
      404,
    );
    expect((await get('/v1/leads/nobody/lifecycle')).statusCode).toBe(404);
    // Another workspace's lead is no lead here, and another workspace's key sees none of ours.
    expect((await get('/v1/leads/theirs/lifecycle')).statusCode).toBe(404);
    expect((await get('/v1/leads/u1/lifecycle', b.admin)).statusCode).toBe(404);
    expect(
      (await post('/v1/leads/u1/feedback', { decision: 'accepted' }, b.admin)).statusCode,
    ).toBe(404);
    expect(
      (await post('/v1/leads/u1/feedback', { decision: 'accepted' }, a.writeAsBearer)).statusCode,
    ).toBe(403);
    expect((await get('/v1/reports/handover', a.writeAsBearer)).statusCode).toBe(403);
    expect((await get('/v1/leads/u1/lifecycle', {} as typeof a.admin)).statusCode).toBe(401);
    // Nothing of that moved the lead.
    expect((await get('/v1/leads/u1/lifecycle')).json<LifecycleBody>()).toMatchObject({
      stage: 'mql',
      moves: [{ kind: 'handed_over' }],
    });
  });

  it('reports the hand-overs of a period per segment, as computed by hand', async () => {
    const { clock, b, lead, handOverAt, post, get } = await setup(open);
    const at = async (ms: number, url: string, payload: object) => {
      clock.now = ms;
      const res = await post(url, payload);
      expect(res.statusCode, res.body).toBe(200);
    };
    for (const id of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7']) await lead(id);
    await lead('h1', b.ws);
    // hot: h1 accepted after 2 h and bought for 1000; h2 accepted after 6 h; h3 rejected.
    await handOverAt('h1', 'hot', T0);
    await handOverAt('h2', 'hot', T0 + H);
    await handOverAt('h3', 'hot', T0 + 2 * H);
    await at(T0 + 2 * H, '/v1/leads/h1/feedback', { decision: 'accepted' });
    await at(T0 + 7 * H, '/v1/leads/h2/feedback', { decision: 'accepted' });
    await at(T0 + 3 * H, '/v1/leads/h3/feedback', { decision: 'rejected', reason: 'no budget' });
    await at(T0 + 72 * H, '/v1/leads/h1/outcome', { outcome: 'converted', value: 1000 });
    // warm: h4 and h5 rejected for two reasons, h6 not answered.
    await handOverAt('h4', 'warm', T0);
    await handOverAt('h5', 'warm', T0 + H);
    await handOverAt('h6', 'warm', T0 + H);
    await at(T0 + H, '/v1/leads/h4/feedback', { decision: 'rejected', reason: 'no budget' });
    await at(T0 + 2 * H, '/v1/leads/h5/feedback', {
      decision: 'rejected',
      reason: 'wrong persona',
    });
    // Before the period, and in another workspace: not counted.
    await handOverAt('h7', 'hot', T0 - 48 * H);
    await at(T0 - 47 * H, '/v1/leads/h7/feedback', { decision: 'accepted' });
    await handOverAt('h1', 'hot', T0, b.ws);

    clock.now = T0 + 100 * H;
    const res = await get(`/v1/reports/handover?from=${iso(T0 - 24 * H)}&to=${iso(T0 + 24 * H)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      from: iso(T0 - 24 * H),
      to: iso(T0 + 24 * H),
      segments: [
        {
          segment: 'hot',
          handedOver: 3,
          accepted: 2,
          rejected: { total: 1, byReason: { 'no budget': 1 } },
          pending: 0,
          converted: 1,
          convertedValue: 1000,
          // Waits of 2 and 6 hours: median 4, p90 2 + 0.9 × 4.
          medianHoursToAcceptance: 4,
          p90HoursToAcceptance: 5.6,
        },
        {
          segment: 'warm',
          handedOver: 3,
          accepted: 0,
          rejected: { total: 2, byReason: { 'no budget': 1, 'wrong persona': 1 } },
          pending: 1,
          converted: 0,
          convertedValue: 0,
          medianHoursToAcceptance: null,
          p90HoursToAcceptance: null,
        },
      ],
    });
    // The default period is the last 30 days up to now: h7 is in it too.
    const recent = (await get('/v1/reports/handover')).json<{
      segments: { handedOver: number }[];
    }>();
    expect(recent.segments.map((s) => s.handedOver)).toEqual([4, 3]);
    const reversed = await get(`/v1/reports/handover?from=${iso(T0)}&to=${iso(T0)}`);
    expect(reversed.statusCode).toBe(400);
    expect((await get('/v1/reports/handover?from=last-week')).statusCode).toBe(400);
  });
});

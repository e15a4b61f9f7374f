// Erasure suppresses, over the HTTP API on real stores: after DELETE /v1/leads/{id} every call
// naming the lead's id or an anonymous id merged into it is refused with code `suppressed` and
// counted, a batch keeps its other messages, GET /v1/suppressions lists the ids with their
// counts, DELETE /v1/suppressions/{id} lifts one, and another workspace sees and lifts nothing.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { workspaceWithModel } from './test-workspace.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages } from './segment-messages.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const model = parseModel(`
name: suppression
engagement:
  rules:
    - { id: visit, event: Pricing Viewed, points: 10 }
segments:
  - { id: hot, min: 10, stage: bofu }
  - { id: cold, stage: tofu }
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
  const call = (type: string, payload: object, headers = a.write) =>
    app.inject({ method: 'POST', url: `/v1/${type}`, headers, payload });
  const admin = (method: 'GET' | 'DELETE' | 'PATCH', url: string, headers = a.admin) =>
    app.inject({
      method,
      url,
      headers,
      ...(method === 'PATCH' ? { payload: { traits: {} } } : {}),
    });
  return { store, app, clock, a, b, call, admin };
}

/** u1, with an anonymous visit merged into it and an alias, erased. */
async function erased(s: Awaited<ReturnType<typeof setup>>) {
  const { call, admin } = s;
  expect((await call('page', { anonymousId: 'anon-1', name: 'Pricing' })).statusCode).toBe(200);
  const identify = await call('identify', { userId: 'u1', anonymousId: 'anon-1', traits: {} });
  expect(identify.statusCode).toBe(200);
  expect((await call('alias', { userId: 'u1', previousId: 'old-1' })).statusCode).toBe(200);
  expect((await call('track', { userId: 'u1', event: 'Pricing Viewed' })).statusCode).toBe(200);
  const erasure = await admin('DELETE', '/v1/leads/u1');
  expect(erasure.statusCode).toBe(200);
  expect(erasure.json()).toMatchObject({ id: 'u1', suppressed: 3 });
}

describe.each(freshStores())('erasure suppression on $name', ({ open }) => {
  it('refuses and counts every call for the erased ids, storing nothing', async () => {
    const s = await setup(open);
    await erased(s);
    const { store, call, admin, a, clock } = s;
    const events = await store.countEvents(a.ws);
    clock.now = T0 + 1000;
    const refused: [string, object, string, string][] = [
      ['track', { userId: 'u1', event: 'Pricing Viewed' }, 'userId', 'u1'],
      ['identify', { userId: 'u1', traits: { email: 'u1@example.com' } }, 'userId', 'u1'],
      ['page', { userId: 'u1', name: 'Pricing' }, 'userId', 'u1'],
      ['group', { userId: 'u1', groupId: 'acme', traits: {} }, 'userId', 'u1'],
      ['alias', { userId: 'u1', previousId: 'fresh' }, 'userId', 'u1'],
      ['track', { anonymousId: 'anon-1', event: 'Pricing Viewed' }, 'anonymousId', 'anon-1'],
      ['page', { anonymousId: 'anon-1', name: 'Pricing' }, 'anonymousId', 'anon-1'],
      // Linking the erased visitor to someone new, by identify or alias.
      ['identify', { userId: 'u2', anonymousId: 'anon-1', traits: {} }, 'anonymousId', 'anon-1'],
      ['alias', { userId: 'u3', previousId: 'old-1' }, 'previousId', 'old-1'],
    ];
    for (const [type, payload, field, id] of refused) {
      const res = await call(type, payload);
      expect(res.statusCode, `${type} ${JSON.stringify(payload)}`).toBe(409);
      const { error } = res.json<{ error: { code: string; message: string; details: unknown } }>();
      expect(error.code).toBe('suppressed');
      expect(error.details).toEqual({ field, id });
      expect(error.message).toContain('erased');
      expect(error.message).toContain(`DELETE /v1/suppressions/${id}`);
    }
    expect(await store.countEvents(a.ws)).toBe(events);
    for (const id of ['u1', 'u2', 'u3']) expect(await store.getLead(a.ws, id)).toBeUndefined();
    expect(await store.getCompany(a.ws, 'acme')).toBeUndefined();
    expect(await store.resolveIdentity(a.ws, 'anon-1')).toBeUndefined();
    // The management API still answers 404 for the erased lead.
    expect((await admin('GET', '/v1/leads/u1')).statusCode).toBe(404);
    expect((await admin('PATCH', '/v1/leads/u1')).statusCode).toBe(404);
    expect((await admin('GET', '/v1/leads/u1/lifecycle')).statusCode).toBe(404);

    const list = await admin('GET', '/v1/suppressions');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { id: string }[] }>().items;
    expect(items.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: 'anon-1', kind: 'anonymousId', refusedCount: 3, lastRefusedAt: iso(T0 + 1000) },
        { id: 'old-1', kind: 'anonymousId', refusedCount: 1, lastRefusedAt: iso(T0 + 1000) },
        { id: 'u1', kind: 'userId', refusedCount: 5, lastRefusedAt: iso(T0 + 1000) },
      ].map((item) => ({ ...item, createdAt: iso(T0) })),
    );
  });

  it('rejects the suppressed messages of a batch with their index and keeps the others', async () => {
    const s = await setup(open);
    await erased(s);
    const { store, call, a } = s;
    const res = await call('batch', {
      batch: [
        { type: 'track', userId: 'u1', event: 'Pricing Viewed', messageId: 'm0' },
        { type: 'track', userId: 'u5', event: 'Pricing Viewed', messageId: 'm1' },
        { type: 'page', anonymousId: 'anon-1', name: 'Pricing', messageId: 'm2' },
        { type: 'track', userId: 'u6', event: 'Pricing Viewed', timestamp: 'never' },
        { type: 'identify', userId: 'u6', anonymousId: 'anon-9', traits: {} },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ stored: number; rejected: { index: number; reason: string }[] }>();
    expect(body.stored).toBe(2);
    expect(body.rejected).toEqual([
      { index: 0, messageId: 'm0', field: 'batch[0].userId', reason: 'suppressed' },
      { index: 2, messageId: 'm2', field: 'batch[2].anonymousId', reason: 'suppressed' },
      expect.objectContaining({ index: 3, field: 'batch[3].timestamp' }),
    ]);
    expect(await store.getLead(a.ws, 'u5')).toBeDefined();
    expect(await store.resolveIdentity(a.ws, 'anon-9')).toBe('u6');
    expect(await store.getLead(a.ws, 'u1')).toBeUndefined();
  });

  it('lifts a suppression: the next call makes a fresh lead', async () => {
    const s = await setup(open);
    await erased(s);
    const { store, call, admin, a } = s;
    expect((await call('track', { userId: 'u1', event: 'Pricing Viewed' })).statusCode).toBe(409);
    const lifted = await admin('DELETE', '/v1/suppressions/u1');
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toEqual({
      id: 'u1',
      kind: 'userId',
      createdAt: iso(T0),
      refusedCount: 1,
      lastRefusedAt: iso(T0),
    });
    expect((await admin('DELETE', '/v1/suppressions/u1')).statusCode).toBe(404);
    const again = await call('identify', { userId: 'u1', traits: { title: 'CTO' } });
    expect(again.json()).toMatchObject({ success: true, status: 'stored' });
    const lead = await admin('GET', '/v1/leads/u1');
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({ id: 'u1', traits: { title: 'CTO' }, score: 0 });
    expect(await store.eventsOfLead(a.ws, 'u1')).toHaveLength(1);
    // The anonymous id is still suppressed until lifted on its own.
    const visit = await call('identify', { userId: 'u1', anonymousId: 'anon-1', traits: {} });
    expect(visit.statusCode).toBe(409);
    const list = await admin('GET', '/v1/suppressions');
    expect(
      list
        .json<{ items: { id: string }[] }>()
        .items.map((i) => i.id)
        .sort(),
    ).toEqual(['anon-1', 'old-1']);
  });

  it('pages the list with a cursor and needs the admin key', async () => {
    const s = await setup(open);
    await erased(s);
    const { admin, a } = s;
    const ids: string[] = [];
    let url = '/v1/suppressions?limit=2';
    for (;;) {
      const page = await admin('GET', url);
      expect(page.statusCode).toBe(200);
      const body = page.json<{ items: { id: string }[]; next: string | null }>();
      ids.push(...body.items.map((i) => i.id));
      if (body.next === null) break;
      url = `/v1/suppressions?limit=2&cursor=${body.next}`;
    }
    expect(ids).toEqual(['u1', 'old-1', 'anon-1']);
    const nul = Buffer.from(JSON.stringify({ createdAt: T0, id: 'u\u0000' })).toString('base64url');
    for (const url of [
      '/v1/suppressions?cursor=nonsense',
      `/v1/suppressions?cursor=${nul}`,
      '/v1/suppressions?limit=0',
    ]) {
      const bad = await admin('GET', url);
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    const path = await admin('DELETE', '/v1/suppressions/u%00');
    expect(path.statusCode).toBe(400);
    expect(path.json()).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await admin('GET', '/v1/suppressions', a.writeAsBearer)).statusCode).toBe(403);
    expect((await admin('DELETE', '/v1/suppressions/u1', a.writeAsBearer)).statusCode).toBe(403);
    expect((await admin('GET', '/v1/suppressions', {} as typeof a.admin)).statusCode).toBe(401);
  });

  it('keeps suppressions to their workspace', async () => {
    const s = await setup(open);
    await erased(s);
    const { call, admin, b } = s;
    const other = await admin('GET', '/v1/suppressions', b.admin);
    expect(other.json()).toEqual({ items: [], next: null });
    expect((await admin('DELETE', '/v1/suppressions/u1', b.admin)).statusCode).toBe(404);
    const elsewhere = await call('track', { userId: 'u1', event: 'Pricing Viewed' }, b.write);
    expect(elsewhere.json()).toMatchObject({ status: 'stored' });
    expect((await call('track', { userId: 'u1', event: 'Pricing Viewed' })).statusCode).toBe(409);
    expect(
      (await admin('GET', '/v1/suppressions')).json<{ items: unknown[] }>().items,
    ).toHaveLength(3);
  });

  it('refuses calls that waited for the erasure of their lead to commit', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('race', T0)).id;
    const models = new ActiveModels();
    const ingest = (call: object) =>
      ingestMessages(store, models, ws, segmentMessages([call], T0), T0);
    await ingest({ type: 'identify', userId: 'u1', anonymousId: 'anon-1', traits: {} });
    // An erasure holding the lead while the calls arrive: they wait for it, then see it.
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const erasure = store.transaction(async (tx) => {
      await tx.lockLeads(ws, ['u1']);
      locked();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.suppressLead(ws, 'u1', T0);
      await tx.deleteLead(ws, 'u1');
    });
    await holding;
    const calls = [
      ingest({ type: 'track', userId: 'u1', event: 'Pricing Viewed' }),
      ingest({ type: 'track', anonymousId: 'anon-1', event: 'Pricing Viewed' }),
    ];
    await erasure;
    expect((await Promise.all(calls)).flat().map((o) => o.status)).toEqual([
      'suppressed',
      'suppressed',
    ]);
    expect(await store.getLead(ws, 'u1')).toBeUndefined();
    expect(await store.countEvents(ws)).toBe(0);
  });
});

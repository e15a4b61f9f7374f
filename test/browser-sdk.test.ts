// The paths analytics.js (Segment's browser SDK) posts to: /v1/t, i, p, g, a and the batch /v1/b,
// with `Content-Type: text/plain` and the write key in the JSON body, on real stores.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const model = parseModel(`
name: browser
fit:
  criteria:
    - { id: vp, when: { field: title, contains: VP }, points: 10 }
engagement:
  rules:
    - { id: pricing, event: Page Viewed, where: { field: properties.path, eq: /pricing }, points: 5 }
    - { id: demo, event: Demo Requested, points: 20 }
segments:
  - { id: hot, min: 30, stage: bofu }
  - { id: cold, stage: tofu }
`);

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => NOW,
  });
  const made = await createWorkspaceWithKeys(store, 'web', NOW);
  const ws = made.workspace.id;
  await store.activateModel(
    ws,
    await store.addModel(ws, model as unknown as Record<string, unknown>, NOW),
    NOW,
  );
  const send = (path: string, body: object, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'text/plain', origin: 'https://www.example.com', ...headers },
      payload: JSON.stringify(body),
    });
  return { store, app, ws, writeKey: made.write.secret, admin: made.admin.secret, send };
}

describe.each(freshStores())('analytics.js paths on $name', ({ open }) => {
  it('takes each call with the write key in its body and scores the lead', async () => {
    const { app, store, ws, writeKey, admin, send } = await setup(open);
    const ts = new Date(NOW - 60_000).toISOString();
    const identify = await send('/v1/i', {
      writeKey,
      type: 'identify',
      userId: 'u1',
      anonymousId: 'anon-1',
      traits: { title: 'VP Sales' },
      messageId: 'ajs-1',
      timestamp: ts,
      _metadata: { bundled: ['Segment.io'] },
    });
    expect(identify.statusCode).toBe(200);
    expect(identify.headers['access-control-allow-origin']).toBe('https://www.example.com');
    expect(identify.json()).toEqual({ success: true, messageId: 'ajs-1', status: 'stored' });
    const page = await send('/v1/p', {
      writeKey,
      type: 'page',
      userId: 'u1',
      name: 'Pricing',
      properties: { path: '/pricing' },
      messageId: 'ajs-2',
      timestamp: ts,
    });
    expect(page.json()).toMatchObject({ status: 'stored' });
    const batch = await send('/v1/b', {
      writeKey,
      sentAt: ts,
      batch: [
        { type: 'track', userId: 'u1', event: 'Demo Requested', messageId: 'ajs-3', timestamp: ts },
        { type: 'track', event: 'Demo Requested', messageId: 'ajs-4' },
      ],
    });
    expect(batch.statusCode).toBe(200);
    const answered = batch.json<{ stored: number; rejected: { index: number }[] }>();
    expect(answered.stored).toBe(1);
    expect(answered.rejected.map((r) => r.index)).toEqual([1]);

    const lead = await app.inject({
      method: 'GET',
      url: '/v1/leads/u1',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(lead.json()).toMatchObject({ score: 35, segment: 'hot' });
    // The key in the body is a credential: no stored event keeps it.
    const stored = await store.eventsOfLead(ws, 'u1');
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain(writeKey);
  });

  it('refuses a call without a key, with an unknown one, and still takes the header', async () => {
    const { writeKey, send } = await setup(open);
    const call = { type: 'track', userId: 'u2', event: 'Demo Requested' };
    const none = await send('/v1/t', call);
    expect(none.statusCode).toBe(401);
    expect(none.json<{ error: { message: string } }>().error.message).toMatch(/writeKey/);
    expect((await send('/v1/t', { ...call, writeKey: 'nope' })).statusCode).toBe(401);
    expect((await send('/v1/t', 'not json' as unknown as object)).statusCode).toBe(401);
    const basic = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const viaHeader = await send('/v1/t', call, { authorization: basic });
    expect(viaHeader.json()).toMatchObject({ success: true, status: 'stored' });
    // The long paths still want the header.
    expect((await send('/v1/track', { ...call, writeKey })).statusCode).toBe(401);
  });
});

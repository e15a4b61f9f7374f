// Webhooks over the API on both stores: subscriptions (the secret answered once), validation
// that names the field, workspace isolation and admin-only access, deliveries with their
// attempts, and redelivery of one or all failed deliveries.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { NewNotification, Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { LOCAL_RECEIVERS, Receiver } from './webhook-receiver.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function keys(store: Store, name: string) {
  const made = await createWorkspaceWithKeys(store, name, Date.now());
  return {
    ws: made.workspace.id,
    admin: { authorization: `Bearer ${made.admin.secret}` },
    write: { authorization: `Bearer ${made.write.secret}` },
  };
}

function client(app: FastifyInstance, headers: Record<string, string>) {
  return async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
}

describe.each(freshStores())('webhooks API on $name', ({ open }) => {
  it('manages subscriptions: the secret once, errors that name the field, one workspace only', async () => {
    const store = await open();
    let wakes = 0;
    // A tick per call: subscriptions made one after the other list in that order.
    let now = Date.parse('2026-06-01T12:00:00Z');
    const app = await buildApp({
      store,
      models: new ActiveModels(),
      clock: () => now++,
      webhooks: { wake: () => wakes++, options: LOCAL_RECEIVERS },
    });
    const a = await keys(store, 'a');
    const b = await keys(store, 'b');
    const call = client(app, a.admin);

    const made = await call('POST', '/v1/webhooks', {
      url: 'https://example.com/hooks',
      eventTypes: ['lead.qualified', 'lead.stage_changed', 'lead.qualified'],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      url: 'https://example.com/hooks',
      eventTypes: ['lead.qualified', 'lead.stage_changed'],
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdAt: '2026-06-01T12:00:00.000Z',
    });
    expect(made.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = String(made.body.id);
    const given = await call('POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/x',
      eventTypes: ['model.activated'],
      secret: SECRET,
    });
    expect(given.body.secret).toBe(SECRET);

    const read = await call('GET', `/v1/webhooks/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    const list = await call('GET', '/v1/webhooks');
    expect((list.body.items as { id: string }[]).map((w) => w.id)).toEqual([id, given.body.id]);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    for (const [body, field] of [
      [{ url: 'ftp://example.com', eventTypes: ['lead.qualified'] }, 'body.url'],
      [{ url: 'https://example.com', eventTypes: [] }, 'body.eventTypes'],
      [{ url: 'https://example.com', eventTypes: ['lead.sneezed'] }, 'body.eventTypes.0'],
      [
        { url: 'https://example.com', eventTypes: ['lead.qualified'], secret: 'abc' },
        'body.secret',
      ],
    ] as const) {
      const bad = await call('POST', '/v1/webhooks', body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: 'invalid_request' } });
      expect(String((bad.body.error as { message: string }).message)).toMatch(
        new RegExp(`^${field.replaceAll('.', '\\.')}: `),
      );
    }

    const paused = await call('PATCH', `/v1/webhooks/${id}`, { enabled: false });
    expect(paused.body).toMatchObject({ enabled: false, disabledReason: 'disabled over the API' });
    const resumed = await call('PATCH', `/v1/webhooks/${id}`, {
      enabled: true,
      url: 'https://example.com/v2',
    });
    expect(resumed.body).toMatchObject({
      enabled: true,
      disabledReason: null,
      url: 'https://example.com/v2',
    });
    expect(wakes).toBe(1);
    expect((await call('PATCH', `/v1/webhooks/${id}`, {})).status).toBe(400);

    // Another workspace's admin key finds nothing; a write key is refused.
    const other = client(app, b.admin);
    for (const [method, url, body] of [
      ['GET', `/v1/webhooks/${id}`],
      ['PATCH', `/v1/webhooks/${id}`, { enabled: false }],
      ['GET', `/v1/webhooks/${id}/deliveries`],
      ['GET', `/v1/webhooks/${id}/deliveries/x`],
      ['POST', `/v1/webhooks/${id}/deliveries/x/redeliver`],
      ['POST', `/v1/webhooks/${id}/redeliver-failed`],
      ['DELETE', `/v1/webhooks/${id}`],
    ] as const) {
      expect((await other(method, url, body)).status, `${method} ${url}`).toBe(404);
      expect((await client(app, a.write)(method, url, body)).status).toBe(403);
    }
    expect((await other('GET', '/v1/webhooks')).body).toEqual({ items: [] });
    expect((await client(app, {})('GET', '/v1/webhooks')).status).toBe(401);

    expect(await call('DELETE', `/v1/webhooks/${id}`)).toEqual({
      status: 200,
      body: { id, deleted: true },
    });
    expect((await call('GET', `/v1/webhooks/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/v1/webhooks/${id}`)).status).toBe(404);
  });

  it('lists deliveries with their attempts, and redelivers one or all failed', async () => {
    const store = await open();
    let wakes = 0;
    const app = await buildApp({
      store,
      models: new ActiveModels(),
      clock: () => Date.now(),
      webhooks: { wake: () => wakes++, options: LOCAL_RECEIVERS },
    });
    const a = await keys(store, 'a');
    const call = client(app, a.admin);
    const receiver = await Receiver.reserve();
    const made = await call('POST', '/v1/webhooks', {
      url: receiver.url('/in', SECRET),
      eventTypes: ['lead.grade_changed'],
      secret: SECRET,
    });
    const id = String(made.body.id);
    const notes: NewNotification[] = ['u1', 'u2', 'u3'].map((lead, i) => ({
      type: 'lead.grade_changed',
      leadId: lead,
      data: { from: 'B', to: 'A', i },
      at: Date.now(),
    }));
    await store.transaction((tx) => tx.enqueueNotifications(a.ws, notes));

    // The receiver is down and the retry period is over at once: every delivery fails.
    const worker = new WebhookWorker(
      { store, clock: () => Date.now(), random: () => 0.5 },
      { retryPeriodMs: 1, backoffBaseMs: 1000, timeoutMs: 2000, ...LOCAL_RECEIVERS },
    );
    expect(await worker.runOnce()).toBe(3);
    const failed = await call('GET', `/v1/webhooks/${id}/deliveries?status=failed&limit=2`);
    expect(failed.status).toBe(200);
    const page1 = failed.body as { items: Record<string, unknown>[]; next: string };
    expect(page1.items.map((d) => d.leadId)).toEqual(['u3', 'u2']);
    expect(page1.items[0]).toMatchObject({
      webhookId: id,
      type: 'lead.grade_changed',
      status: 'failed',
      attemptCount: 1,
      nextAttemptAt: null,
      lastError: 'connection refused (ECONNREFUSED)',
    });
    const page2 = await call(
      'GET',
      `/v1/webhooks/${id}/deliveries?status=failed&limit=2&cursor=${page1.next}`,
    );
    expect(page2.body).toMatchObject({ items: [{ leadId: 'u1' }], next: null });
    const badCursor = await call('GET', `/v1/webhooks/${id}/deliveries?cursor=zz`);
    expect(badCursor.status).toBe(400);
    expect((await call('GET', `/v1/webhooks/${id}/deliveries?status=sent`)).status).toBe(400);

    const first = page1.items[0] as { id: string; messageId: string };
    const detail = await call('GET', `/v1/webhooks/${id}/deliveries/${first.id}`);
    expect(detail.body).toMatchObject({
      messageId: first.messageId,
      data: { from: 'B', to: 'A', i: 2 },
      attempts: [
        {
          statusCode: null,
          error: 'connection refused (ECONNREFUSED)',
          latencyMs: expect.any(Number),
          responseExcerpt: null,
        },
      ],
    });
    expect((await call('GET', `/v1/webhooks/${id}/deliveries/nope`)).status).toBe(404);

    await receiver.up('ok');
    try {
      const one = await call('POST', `/v1/webhooks/${id}/deliveries/${first.id}/redeliver`);
      expect(one.status).toBe(202);
      expect(one.body).toMatchObject({ id: first.id, status: 'pending', attemptCount: 1 });
      const twice = await call('POST', `/v1/webhooks/${id}/deliveries/${first.id}/redeliver`);
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ error: { code: 'conflict' } });
      const rest = await call('POST', `/v1/webhooks/${id}/redeliver-failed`);
      expect(rest).toEqual({ status: 202, body: { redelivered: 2 } });
      expect(wakes).toBe(2);

      expect(await worker.runOnce()).toBe(3);
      const done = await call('GET', `/v1/webhooks/${id}/deliveries?status=succeeded`);
      expect((done.body.items as unknown[]).length).toBe(3);
      const after = await call('GET', `/v1/webhooks/${id}/deliveries/${first.id}`);
      expect(after.body).toMatchObject({
        status: 'succeeded',
        attemptCount: 2,
        lastError: null,
        attempts: [{ statusCode: null }, { statusCode: 200, responseExcerpt: '{"ok":true}' }],
      });
      // The redelivery carries the same webhook-id as the first attempt.
      expect(receiver.received.map((r) => r.id)).toContain(first.messageId);
      expect(receiver.rejected).toEqual([]);
    } finally {
      await receiver.down();
    }
  });
});

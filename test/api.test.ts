// The HTTP API over real stores: Segment ingestion with write keys, leads read with admin keys,
// coded errors for bad input, workspace isolation, CORS, and the OpenAPI document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));

async function workspace(store: Store, name: string) {
  const made = await createWorkspaceWithKeys(store, name, NOW);
  const version = await store.addModel(
    made.workspace.id,
    model as unknown as Record<string, unknown>,
    NOW,
  );
  await store.activateModel(made.workspace.id, version, NOW);
  return {
    write: { authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}` },
    admin: { authorization: `Bearer ${made.admin.secret}` },
    adminAsBasic: { authorization: `Bearer ${made.write.secret}` },
  };
}

async function setup(open: () => Promise<Store>): Promise<{
  app: FastifyInstance;
  a: Awaited<ReturnType<typeof workspace>>;
  b: Awaited<ReturnType<typeof workspace>>;
}> {
  const store = await open();
  const app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
  return { app, a: await workspace(store, 'a'), b: await workspace(store, 'b') };
}

const at = (daysAgo: number) => new Date(NOW - daysAgo * 86_400_000).toISOString();

describe.each(freshStores())('HTTP API on $name', ({ open }) => {
  it('ingests Segment calls and explains the lead score, contributions adding up', async () => {
    const { app, a } = await setup(open);
    const identify = await app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: a.write,
      payload: {
        userId: 'u1',
        messageId: 'i1',
        timestamp: at(3),
        traits: {
          title: 'VP Sales',
          country: 'US',
          company: { employees: 800, industry: 'software' },
        },
      },
    });
    expect(identify.statusCode).toBe(200);
    const batch = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: a.write,
      payload: {
        batch: [
          { type: 'track', userId: 'u1', messageId: 't1', event: 'Email Opened', timestamp: at(2) },
          {
            type: 'track',
            userId: 'u1',
            messageId: 't2',
            event: 'Demo Requested',
            timestamp: 'not a time',
          },
          {
            type: 'page',
            userId: 'u1',
            messageId: 'p1',
            properties: { path: '/pricing' },
            timestamp: at(1),
          },
          { type: 'track', userId: 'u1', messageId: 't1', event: 'Email Opened', timestamp: at(2) },
        ],
      },
    });
    expect(batch.statusCode).toBe(200);
    const body = batch.json<{
      stored: number;
      duplicates: number;
      rejected: { index: number; field: string }[];
    }>();
    expect(body.stored).toBe(2);
    expect(body.duplicates).toBe(1);
    expect(body.rejected).toMatchObject([{ index: 1, field: 'batch[1].timestamp' }]);

    const lead = await app.inject({ method: 'GET', url: '/v1/leads/u1', headers: a.admin });
    expect(lead.statusCode).toBe(200);
    const view = lead.json<{
      score: number;
      fit: number;
      segment: string;
      grade: string;
      company: unknown;
      contributions: { id: string; afterDecay: number; messageId?: string }[];
    }>();
    expect(view.fit).toBe(40);
    expect(view.grade).toBe('A');
    expect(view.contributions.map((c) => c.id)).toEqual([
      'senior-title',
      'target-country',
      'target-company',
      'email-open',
      'pricing-visit',
      'web-visit',
    ]);
    expect(view.contributions.reduce((s, c) => s + c.afterDecay, 0)).toBeCloseTo(view.score, 9);

    const history = await app.inject({
      method: 'GET',
      url: '/v1/leads/u1/history?limit=10',
      headers: a.admin,
    });
    expect(history.json<{ items: { cause: string }[] }>().items.length).toBeGreaterThan(0);
  });

  it('answers coded 4xx errors for bad input, never 5xx', async () => {
    const { app, a } = await setup(open);
    const cases = [
      { payload: '{"userId": "u1", "event": ', type: 'application/json', status: 400 },
      { payload: JSON.stringify({ userId: 'u1' }), type: 'application/json', status: 400 },
      {
        payload: JSON.stringify({
          userId: 'u1',
          event: 'E',
          properties: { blob: 'x'.repeat(40_000) },
        }),
        type: 'application/json',
        status: 413,
      },
      { payload: '[]', type: 'application/json', status: 400 },
    ];
    for (const c of cases) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { ...a.write, 'content-type': c.type },
        payload: c.payload,
      });
      expect(res.statusCode).toBe(c.status);
      expect(
        res.json<{ error: { code: string; message: string } }>().error.message.length,
      ).toBeGreaterThan(0);
    }
    const missing = await app.inject({ method: 'GET', url: '/v1/leads/nobody', headers: a.admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const badLimit = await app.inject({
      method: 'GET',
      url: '/v1/leads/u1/history?limit=0',
      headers: a.admin,
    });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('keeps workspaces apart and write keys out of the management API', async () => {
    const { app, a, b } = await setup(open);
    await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: a.write,
      payload: { userId: 'u1', messageId: 'm1', event: 'Email Opened', timestamp: at(1) },
    });
    expect(
      (await app.inject({ method: 'GET', url: '/v1/leads/u1', headers: a.admin })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/leads/u1', headers: b.admin })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/leads/u1', headers: a.adminAsBasic }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/leads/u1' })).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/track',
          payload: { userId: 'u1', event: 'E' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/track',
          headers: { authorization: 'Basic bm9wZTo=' },
          payload: {},
        })
      ).statusCode,
    ).toBe(401);
  });

  it('answers the browser SDKs preflight and serves health and the OpenAPI document', async () => {
    const { app } = await setup(open);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/track',
      headers: {
        origin: 'https://www.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://www.example.com');
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({
      status: 'ok',
    });
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/track',
        '/v1/batch',
        '/v1/leads/{id}',
        '/v1/leads/{id}/history',
        '/health',
      ]),
    );
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});

describe.each(freshStores())('lead management on $name', ({ open }) => {
  it('lists with filters and cursors, updates traits with a new score, and erases a lead', async () => {
    const { app, a, b } = await setup(open);
    const titles = ['VP Sales', 'Engineer', 'Student', 'Director of Marketing', 'Analyst'];
    const batch = titles.map((title, i) => ({
      type: 'identify',
      userId: `u${i}`,
      messageId: `i${i}`,
      timestamp: at(5),
      traits: { title, email: `p${i}@example.com`, first_name: `P${i}`, country: 'US' },
    }));
    batch.push({
      type: 'track',
      userId: 'u1',
      messageId: 'd1',
      timestamp: at(1),
      event: 'Demo Requested',
    } as never);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/batch', headers: a.write, payload: { batch } }))
        .statusCode,
    ).toBe(200);

    const seen: string[] = [];
    type Page = { items: { id: string; score: number }[]; next: string | null };
    let cursor: string | null = null;
    do {
      const url: string = `/v1/leads?limit=2&sort=-score${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await app.inject({ method: 'GET', url, headers: a.admin });
      expect(res.statusCode).toBe(200);
      const page: Page = res.json<Page>();
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next;
    } while (cursor);
    expect([...seen].sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(seen[0]).toBe('u1');

    const mql = (
      await app.inject({ method: 'GET', url: '/v1/leads?segment=mql', headers: a.admin })
    ).json<{ items: { id: string }[] }>();
    expect(mql.items.map((i) => i.id)).toEqual(['u1']);
    const search = (
      await app.inject({ method: 'GET', url: '/v1/leads?search=p3%40example', headers: a.admin })
    ).json<{ items: { id: string; name: string }[] }>();
    expect(search.items).toMatchObject([{ id: 'u3', name: 'P3' }]);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/leads', headers: b.admin })).json<{
        items: unknown[];
      }>().items,
    ).toEqual([]);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/leads?sort=sideways', headers: a.admin }))
        .statusCode,
    ).toBe(400);

    const patched = await app.inject({
      method: 'PATCH',
      url: '/v1/leads/u4',
      headers: a.admin,
      payload: { traits: { title: 'Chief Marketing Officer' } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      traits: { title: 'Chief Marketing Officer', email: 'p4@example.com' },
      fit: 20,
    });
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/v1/leads/u4',
          headers: a.admin,
          payload: { title: 'x' },
        })
      ).statusCode,
    ).toBe(400);

    const erased = await app.inject({ method: 'DELETE', url: '/v1/leads/u1', headers: a.admin });
    expect(erased.json()).toMatchObject({ id: 'u1', removed: { leads: 1, events: 2, scores: 1 } });
    expect(
      (await app.inject({ method: 'GET', url: '/v1/leads/u1', headers: a.admin })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: '/v1/leads/u1', headers: a.admin })).statusCode,
    ).toBe(404);
  });
});

describe('write key rate limit', () => {
  const sqlite = freshStores().find((kind) => kind.name === 'sqlite');
  it('answers 429 with Retry-After past the limit, per key', async () => {
    if (!sqlite) throw new Error('no SQLite store kind');
    const store = await sqlite.open();
    const app = await buildApp({
      store,
      models: new ActiveModels(),
      clock: () => NOW,
      writeKeyRateLimit: 3,
    });
    const a = await workspace(store, 'a');
    const b = await workspace(store, 'b');
    const send = (headers: Record<string, string>, i: number) =>
      app.inject({
        method: 'POST',
        url: '/v1/track',
        headers,
        payload: {
          userId: 'u1',
          messageId: `r${i}-${headers.authorization}`,
          event: 'Email Opened',
        },
      });
    for (let i = 0; i < 3; i++) expect((await send(a.write, i)).statusCode).toBe(200);
    const limited = await send(a.write, 3);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({
      error: { code: 'rate_limited', details: { limit: 3 } },
    });
    expect((await send(b.write, 0)).statusCode).toBe(200);
  });
});

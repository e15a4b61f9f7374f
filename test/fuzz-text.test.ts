// Text a store cannot hold — NUL characters, lone UTF-16 surrogates, invalid UTF-8 — in every
// field of every Segment call, inside batches, as whole bodies, and in the path parameters and
// query of every route, on both stores: refused with the field that holds it (a batch keeps its
// good messages), never a 5xx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { workspaceWithModel, type TestWorkspace } from './test-workspace.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));

/** The two kinds of unstorable text, each with the words its refusal uses. */
const BAD = [
  { name: 'a NUL', tag: 'nul', text: 'a\u0000b', says: 'NUL character' },
  { name: 'a lone surrogate', tag: 'surrogate', text: 'VP\ud83d', says: 'lone UTF-16 surrogate' },
] as const;

type CallType = 'identify' | 'track' | 'page' | 'group' | 'alias';

interface FieldCase {
  type: CallType;
  /** The call with `bad` in one place; its own ids are `id` so that a lead can be looked for. */
  call: (bad: string, id: string) => Record<string, unknown>;
  /** The path of that place, as the refusal names it. */
  field: (bad: string) => string;
}

const at = (field: string) => () => field;

const FIELDS: Record<string, FieldCase> = {
  'identify userId': { type: 'identify', call: (b) => ({ userId: b }), field: at('userId') },
  'identify anonymousId': {
    type: 'identify',
    call: (b) => ({ anonymousId: b }),
    field: at('anonymousId'),
  },
  'identify messageId': {
    type: 'identify',
    call: (b, id) => ({ userId: id, messageId: b }),
    field: at('messageId'),
  },
  'identify type': {
    type: 'identify',
    call: (b, id) => ({ userId: id, type: `identify${b}` }),
    field: at('type'),
  },
  'identify timestamp': {
    type: 'identify',
    call: (b, id) => ({ userId: id, timestamp: `2026-05-30T00:00:00Z${b}` }),
    field: at('timestamp'),
  },
  'identify trait key': {
    type: 'identify',
    call: (b, id) => ({ userId: id, traits: { title: 'VP Sales', [b]: 'x' } }),
    field: (b) => `traits.${b}`,
  },
  'identify trait value': {
    type: 'identify',
    call: (b, id) => ({ userId: id, traits: { title: b } }),
    field: at('traits.title'),
  },
  'identify company trait': {
    type: 'identify',
    call: (b, id) => ({ userId: id, traits: { company: { name: b } } }),
    field: at('traits.company.name'),
  },
  'identify unknown top-level key': {
    type: 'identify',
    call: (b, id) => ({ userId: id, [b]: 1 }),
    field: (b) => b,
  },
  'track event': {
    type: 'track',
    call: (b, id) => ({ userId: id, event: b }),
    field: at('event'),
  },
  'track property key': {
    type: 'track',
    call: (b, id) => ({ userId: id, event: 'Email Opened', properties: { [b]: 1 } }),
    field: (b) => `properties.${b}`,
  },
  'track property in an array': {
    type: 'track',
    call: (b, id) => ({ userId: id, event: 'Email Opened', properties: { items: ['ok', b] } }),
    field: at('properties.items[1]'),
  },
  'track context value': {
    type: 'track',
    call: (b, id) => ({ userId: id, event: 'Email Opened', context: { page: { url: b } } }),
    field: at('context.page.url'),
  },
  'track context key': {
    type: 'track',
    call: (b, id) => ({ userId: id, event: 'Email Opened', context: { [b]: true } }),
    field: (b) => `context.${b}`,
  },
  'track integrations key': {
    type: 'track',
    call: (b, id) => ({ userId: id, event: 'Email Opened', integrations: { [b]: false } }),
    field: (b) => `integrations.${b}`,
  },
  'page name': { type: 'page', call: (b, id) => ({ userId: id, name: b }), field: at('name') },
  'page category': {
    type: 'page',
    call: (b, id) => ({ userId: id, name: 'Pricing', category: b }),
    field: at('category'),
  },
  'page property value': {
    type: 'page',
    call: (b, id) => ({ userId: id, name: 'Pricing', properties: { path: b } }),
    field: at('properties.path'),
  },
  'group groupId': {
    type: 'group',
    call: (b, id) => ({ userId: id, groupId: b }),
    field: at('groupId'),
  },
  'group trait key': {
    type: 'group',
    call: (b, id) => ({ userId: id, groupId: `${id}-co`, traits: { [b]: 3 } }),
    field: (b) => `traits.${b}`,
  },
  'group trait value': {
    type: 'group',
    call: (b, id) => ({ userId: id, groupId: `${id}-co`, traits: { industry: b } }),
    field: at('traits.industry'),
  },
  'alias previousId': {
    type: 'alias',
    call: (b, id) => ({ userId: id, previousId: b }),
    field: at('previousId'),
  },
  'alias userId': {
    type: 'alias',
    call: (b, id) => ({ userId: b, previousId: id }),
    field: at('userId'),
  },
};

const workspace = (store: Store, name: string) => workspaceWithModel(store, name, model, NOW);

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** No 5xx; a 4xx is `{ error: { code, message } }` with both filled in. */
function expectSane(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what} -> ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400 && res.body !== '') {
    const { error } = res.json<ErrorBody>();
    expect(typeof error.code, `${what}: error.code`).toBe('string');
    expect(error.message.length, `${what}: error.message`).toBeGreaterThan(0);
  }
}

/** A coded 400 `invalid_request` whose message names `field`. */
function expectRefused(res: LightMyRequestResponse, what: string, field?: string): ErrorBody {
  expectSane(res, what);
  expect(res.statusCode, `${what} -> ${res.body.slice(0, 300)}`).toBe(400);
  const body = res.json<ErrorBody>();
  expect(body.error.code, what).toBe('invalid_request');
  if (field !== undefined) {
    expect(body.error.message, what).toContain(`${field}:`);
    // Named once: `userId: contains ...`, not `userId: userId: contains ...`.
    expect(body.error.message, what).not.toContain(`${field}: ${field}:`);
  }
  return body;
}

/** Three good messages for the leads `${id}-0..2`: an identify, a track and a group call. */
function goodMessages(id: string): Record<string, unknown>[] {
  return [
    { type: 'identify', userId: `${id}-0`, traits: { title: 'VP Sales', country: 'US' } },
    { type: 'track', userId: `${id}-1`, event: 'Email Opened' },
    { type: 'group', userId: `${id}-2`, groupId: `${id}-co`, traits: { employees: 300 } },
  ];
}

/** `path` with `:name` and `*` replaced, `bad` in the parameter at `index` and `x` elsewhere. */
function fill(path: string, index: number, bad: string): string {
  let n = -1;
  return path.replace(/:[A-Za-z]+|\*/g, () => (++n === index ? bad : 'x'));
}

interface Route {
  method: string;
  path: string;
  params: string[];
}

/**
 * Every route of the app, from its own table: Fastify prints its radix tree, a node per line,
 * indented four characters a level, each node's text continuing its parent's.
 */
function routesOf(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const [, indent = '', text = '', methods = ''] = match;
    stack.length = indent.length / 4;
    stack.push(text);
    const joined = stack.join('');
    const path = joined.startsWith('/') ? joined : `/${joined}`;
    const params = [...path.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? '*');
    for (const method of methods.split(', ')) {
      // HEAD answers without a body; it runs the GET route's hooks and handler.
      if (method !== 'HEAD') routes.push({ method, path, params });
    }
  }
  return routes;
}

describe.each(freshStores())('text a store cannot hold, on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let ws: TestWorkspace;

  beforeAll(async () => {
    store = await open();
    app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    ws = await workspace(store, 'text');
  });

  const post = (url: string, payload: unknown, headers = ws.write) =>
    app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload:
        typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    });

  describe.each(BAD)('$name', (bad) => {
    it.each(Object.keys(FIELDS))(
      'in the %s of a single call: 400 naming the field, nothing stored',
      async (name) => {
        const { type, call, field } = FIELDS[name] as FieldCase;
        const id = `single-${type}-${Object.keys(FIELDS).indexOf(name)}-${bad.tag}`;
        const events = await store.countEvents(ws.ws);
        const res = await post(`/v1/${type}`, { type, ...call(bad.text, id) });
        const body = expectRefused(res, `/v1/${type} ${name}`, field(bad.text));
        expect(body.error.message).toContain(bad.says);
        expect(body.error.details).toEqual({ field: field(bad.text) });
        // analytics.js's short path, the write key in the body, answers the same.
        const short = await post(
          `/v1/${type.charAt(0)}`,
          { type, writeKey: ws.writeKey, ...call(bad.text, id) },
          {},
        );
        expectRefused(short, `/v1/${type.charAt(0)} ${name}`, field(bad.text));
        expect(await store.countEvents(ws.ws)).toBe(events);
        expect(await store.getLead(ws.ws, id)).toBeUndefined();
      },
    );

    it.each(Object.keys(FIELDS))(
      'in the %s of a batch message: that message refused, its 3 siblings stored and scored',
      async (name) => {
        const { type, call, field } = FIELDS[name] as FieldCase;
        const n = Object.keys(FIELDS).indexOf(name);
        const id = `batch-${n}-${bad.tag}`;
        const index = n % 4;
        const batch = goodMessages(id);
        batch.splice(index, 0, { type, ...call(bad.text, `${id}-bad`) });
        const events = await store.countEvents(ws.ws);
        const res = await post('/v1/batch', { batch });
        expectSane(res, `/v1/batch ${name}`);
        expect(res.statusCode).toBe(200);
        const body = res.json<{
          stored: number;
          rejected: { index: number; field: string; reason: string }[];
        }>();
        expect(body.stored).toBe(3);
        expect(body.rejected).toEqual([
          expect.objectContaining({ index, field: `batch[${index}].${field(bad.text)}` }),
        ]);
        expect(body.rejected[0]?.reason).toContain(bad.says);
        expect(await store.countEvents(ws.ws)).toBe(events + 3);
        for (const lead of [`${id}-0`, `${id}-1`, `${id}-2`]) {
          const got = await app.inject({
            method: 'GET',
            url: `/v1/leads/${lead}`,
            headers: ws.admin,
          });
          expect(got.statusCode, lead).toBe(200);
          expect(typeof got.json<{ score: unknown }>().score, lead).toBe('number');
        }
        expect(await store.getLead(ws.ws, `${id}-bad`)).toBeUndefined();
      },
    );

    it("in the batch envelope's context: the batch refused with the field, nothing stored", async () => {
      const events = await store.countEvents(ws.ws);
      const res = await post('/v1/batch', {
        batch: goodMessages(`envelope-${bad.tag}`),
        context: { library: { name: bad.text } },
      });
      const body = expectRefused(res, '/v1/batch envelope', 'context.library.name');
      expect(body.error.message).toContain(bad.says);
      expect(await store.countEvents(ws.ws)).toBe(events);
    });
  });

  describe('invalid UTF-8 in a body', () => {
    const invalid = (before: string, bytes: number[], after: string) =>
      Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
    const cases = [
      { what: 'a stray 0xFF', bytes: [0xff] },
      { what: 'a surrogate encoded as UTF-8', bytes: [0xed, 0xa0, 0x80] },
      { what: 'a truncated sequence', bytes: [0xe2, 0x82] },
      { what: 'an overlong encoding of NUL', bytes: [0xc0, 0x80] },
    ];

    it.each(cases)(
      '$what: a call and a batch answer 400 with the byte offset, nothing stored',
      async ({ bytes }) => {
        const events = await store.countEvents(ws.ws);
        const start = '{"userId":"utf8-é","event":"Email Opened","properties":{"x":"';
        const offset = Buffer.byteLength(start);
        for (const url of ['/v1/track', '/v1/t']) {
          const res = await post(url, invalid(start, bytes, '"}}'));
          const body = expectRefused(res, url);
          expect(body.error.message).toMatch(/not valid UTF-8/);
          expect(body.error.message).toContain(`byte offset ${offset}`);
        }
        const good = JSON.stringify({ type: 'track', userId: 'utf8-ok', event: 'E' });
        const batchStart = `{"batch":[${good},{"type":"track","userId":"utf8-x","event":"`;
        for (const url of ['/v1/batch', '/v1/b']) {
          const res = await post(url, invalid(batchStart, bytes, '"}]}'));
          const body = expectRefused(res, url);
          expect(body.error.message).toContain(`byte offset ${Buffer.byteLength(batchStart)}`);
        }
        expect(await store.countEvents(ws.ws)).toBe(events);
        // Valid UTF-8 in the same place is stored as sent.
        const title = `Directrice générale 😀 ${bytes.length}`;
        const valid = await post('/v1/identify', { userId: 'utf8-valid', traits: { title } });
        expect(valid.statusCode).toBe(200);
        expect((await store.getLead(ws.ws, 'utf8-valid'))?.traits.title).toBe(title);
        // 17,000 characters, 34,000 bytes: over the 32 KB limit as sent.
        const bio = 'é'.repeat(17_000);
        expect(
          (await post('/v1/identify', { userId: 'utf8-big', traits: { bio } })).statusCode,
        ).toBe(413);
      },
    );
  });

  describe('path parameters and query strings of every route', () => {
    /** The app's routes, checked to be the whole table (so a new route cannot slip past). */
    function allRoutes(): Route[] {
      const routes = routesOf(app);
      expect(routes.length).toBeGreaterThan(40);
      expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining([
          'GET /v1/leads/:id',
          'GET /v1/jobs/:id',
          'GET /v1/webhooks/:id',
          'DELETE /v1/keys/:id',
          'GET /v1/webhooks/:id/deliveries/:deliveryId',
          'POST /v1/track',
          'POST /v1/b',
        ]),
      );
      return routes;
    }

    const send = (route: Route, url: string) =>
      app.inject({
        method: route.method as 'GET',
        url,
        headers: { ...ws.admin, 'content-type': 'application/json' },
        ...(route.method === 'POST' || route.method === 'PATCH' ? { payload: '{}' } : {}),
      });

    it('a NUL or a lone surrogate in each path parameter: a coded 400', async () => {
      for (const route of allRoutes())
        for (const [index, param] of route.params.entries()) {
          const nul = fill(route.path, index, '%00');
          expectRefused(await send(route, nul), `${route.method} ${nul}`, `params.${param}`);
          // UTF-8 cannot encode a surrogate: Fastify refuses such a URL before routing it.
          const surrogate = fill(route.path, index, '%ED%A0%80');
          expectRefused(await send(route, surrogate), `${route.method} ${surrogate}`);
        }
    });

    it('a NUL or a lone surrogate in a query parameter: a coded 400 naming it', async () => {
      for (const route of allRoutes())
        for (const encoded of ['%00', '%ED%A0%80']) {
          const url = `${fill(route.path, -1, '')}?owner=${encoded}`;
          expectRefused(await send(route, url), `${route.method} ${url}`, 'query.owner');
        }
    });

    it('a NUL in a query key, or among repeated values: a coded 400', async () => {
      expectRefused(
        await app.inject({ method: 'GET', url: '/v1/leads?%00=1', headers: ws.admin }),
        'NUL key',
        'query.\u0000',
      );
      expectRefused(
        await app.inject({
          method: 'GET',
          url: '/v1/leads?search=a&search=%00',
          headers: ws.admin,
        }),
        'repeated',
        'query.search[1]',
      );
    });

    it('random encodings in ids and queries: never a 5xx, a 400 exactly when a value is not storable text', async () => {
      const pieces = [
        'a',
        '%20',
        '%C3%A9',
        '%F0%9F%98%80',
        '%00',
        '%ED%A0%80',
        '%FF',
        '%E2%82',
        '%25',
      ];
      const bad = new Set(['%00', '%ED%A0%80', '%FF', '%E2%82']);
      const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 });
      const urls = fc.oneof(
        text.map((p) => ({ url: `/v1/leads/${p.join('')}`, bad: p.some((x) => bad.has(x)) })),
        text.map((p) => ({ url: `/v1/jobs/${p.join('')}`, bad: p.some((x) => bad.has(x)) })),
        text.map((p) => ({
          url: `/v1/leads?search=${p.join('')}`,
          bad: p.some((x) => bad.has(x)),
        })),
        text.map((p) => ({ url: `/v1/leads?owner=${p.join('')}`, bad: p.some((x) => bad.has(x)) })),
      );
      await fc.assert(
        fc.asyncProperty(urls, async ({ url, bad: isBad }) => {
          const res = await app.inject({ method: 'GET', url, headers: ws.admin });
          expectSane(res, `GET ${url}`);
          if (isBad) expectRefused(res, `GET ${url}`);
          else expect(res.statusCode, `GET ${url}`).not.toBe(400);
        }),
        { seed: SEED, numRuns: 200 },
      );
    });
  });

  it('random messages: each one holding unstorable text refused at its index, every other stored', async () => {
    // Text from a small alphabet: NUL, both halves of a surrogate pair (alone or together), and
    // ordinary characters; no backslash, so the JSON text below shows exactly what is unstorable.
    const piece = fc.constantFrom('a', ' ', 'é', '😀', '\u0000', '\ud83d', '\ude00');
    const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const value = fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 3 }));
    const message = fc.record({
      event: text,
      properties: fc.dictionary(text, value, { maxKeys: 3 }),
      context: fc.dictionary(text, value, { maxKeys: 2 }),
    });
    const unstorable = (m: unknown) =>
      /\\u0000|\\ud[89a-f][0-9a-f]{2}/.test(JSON.stringify(m) ?? '');
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), async (messages) => {
        const batch = messages.map((m) => ({
          type: 'track',
          userId: `prop-${counter}`,
          messageId: `prop-${counter++}`,
          ...m,
          event: `E ${m.event}`,
        }));
        const bad = batch.flatMap((m, i) => (unstorable(m) ? [i] : []));
        const events = await store.countEvents(ws.ws);
        const res = await post('/v1/batch', { batch });
        expectSane(res, 'random batch');
        expect(res.statusCode).toBe(200);
        const body = res.json<{ stored: number; rejected: { index: number; field: string }[] }>();
        expect(body.rejected.map((r) => r.index)).toEqual(bad);
        for (const r of body.rejected) expect(r.field.startsWith(`batch[${r.index}].`)).toBe(true);
        expect(body.stored).toBe(batch.length - bad.length);
        expect(await store.countEvents(ws.ws)).toBe(events + batch.length - bad.length);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

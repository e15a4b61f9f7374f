// Every body of the management API on both stores: each route that takes a body, found in the
// app's own route table (a new route cannot escape), gets bodies nested 5,000 levels deep, NUL
// characters and lone surrogates in nested strings and keys, invalid UTF-8 and a body over the
// size limit, and answers a coded 4xx naming where, never a 5xx; plus the cases of issue 15.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { MAX_BODY_BYTES } from '../src/api/json-body.js';
import { parseModel } from '../src/core/parse-model.js';
import { SEGMENT_CALL_TYPES } from '../src/ingest/segment/index.js';
import { MAX_JSON_DEPTH } from '../src/ingest/json-safety.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const MODEL_YAML = readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8');
const model = parseModel(MODEL_YAML);

/** JSON text of `{"a":{"a":...leaf...}}`, `depth` objects deep: built as text, since
 * JSON.stringify (and so `inject({ payload })`) overflows the stack on such a value. */
const deepText = (depth: number, leaf = '"x"', key = 'a') =>
  `${`{"${key}":`.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

interface Route {
  method: string;
  url: string;
}

/**
 * Every route with a body-taking method, from Fastify's own table (printRoutes draws the radix
 * tree: a node's path continues its parent's, four columns per level).
 */
function bodyRoutes(app: FastifyInstance): Route[] {
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const level = (match[1] ?? '').length / 4;
    stack.length = level;
    stack[level - 1] = match[2] ?? '';
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(', ')) {
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) routes.push({ method, url: path });
    }
  }
  return routes;
}

/** The Segment routes keep their own parser and limits (routes/ingest.ts, its own tests). */
const INGESTION = new Set(
  [...SEGMENT_CALL_TYPES, 'batch'].flatMap((type) => [`/v1/${type}`, `/v1/${type.charAt(0)}`]),
);

/** The import routes take files, not JSON (routes/imports.ts; test/imports-api*.test.ts). */
const UPLOADS = new Set(['/v1/imports', '/v1/imports/preview']);

/** Signing out takes no body and needs a session, so a key is refused (401) before any body is read. */
const SESSION_ONLY = new Set(['/v1/auth/logout']);

const concrete = (url: string) =>
  url.replace(':version', '1').replace(':deliveryId', 'd1').replace(':id', 'lead-1');

interface Bad {
  name: string;
  body: string | Buffer;
  status: number;
  code: string;
  /** The start of `error.message` and of `details[0].field`. */
  where: string;
}

const BAD_BODIES: Bad[] = [
  {
    name: 'a body 5,000 levels deep',
    body: `{"deep":${deepText(5000)}}`,
    status: 400,
    code: 'invalid_request',
    where: 'body.deep.a.a.a.a.a.a…',
  },
  {
    name: 'a NUL in a nested string',
    body: '{"a":{"b":["ok","x\\u0000"]}}',
    status: 400,
    code: 'invalid_request',
    where: 'body.a.b[1]',
  },
  {
    name: 'a lone surrogate in a nested string',
    body: '{"a":{"b":"VP\\ud83d"}}',
    status: 400,
    code: 'invalid_request',
    where: 'body.a.b',
  },
  {
    name: 'a NUL in a key',
    body: '{"a":{"k\\u0000":1}}',
    status: 400,
    code: 'invalid_request',
    where: 'body.a.k\u0000',
  },
  {
    name: 'a lone surrogate in a key',
    body: '{"a":{"\\udc00":1}}',
    status: 400,
    code: 'invalid_request',
    where: 'body.a.\udc00',
  },
  {
    name: 'invalid UTF-8',
    body: Buffer.concat([Buffer.from('{"a":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    status: 400,
    code: 'invalid_request',
    where: 'body',
  },
  {
    name: 'a body over the size limit',
    body: `{"a":"${'x'.repeat(MAX_BODY_BYTES)}"}`,
    status: 413,
    code: 'payload_too_large',
    where: 'body: over the size limit',
  },
];

interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ field: string }> };
}

/** A coded 4xx naming where; never a 5xx. */
function expectRefused(res: LightMyRequestResponse, bad: Bad, what: string): ErrorBody['error'] {
  expect(res.statusCode, `${what} -> ${res.body.slice(0, 300)}`).toBe(bad.status);
  const { error } = res.json<ErrorBody>();
  expect(error.code, what).toBe(bad.code);
  expect(error.message.startsWith(`${bad.where}`), `${what}: ${error.message}`).toBe(true);
  if (bad.status === 400) {
    expect(error.details?.[0]?.field?.startsWith(bad.where), `${what}: details`).toBe(true);
  }
  return error;
}

describe.each(freshStores())('management bodies on $name', (kind) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: Record<string, string>;

  beforeAll(async () => {
    store = await kind.open();
    const made = await createWorkspaceWithKeys(store, 'bodies', NOW);
    const version = await store.addModel(
      made.workspace.id,
      model as unknown as Record<string, unknown>,
      NOW,
    );
    await store.activateModel(made.workspace.id, version, NOW);
    await store.upsertLead(made.workspace.id, 'lead-1', { name: 'Ada', title: 'VP Sales' }, NOW);
    app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    admin = { authorization: `Bearer ${made.admin.secret}` };
  });

  const send = (method: string, url: string, payload: string | Buffer, type = 'application/json') =>
    app.inject({
      method: method as 'POST',
      url,
      headers: { ...admin, 'content-type': type },
      payload,
    });

  it('finds the body routes in the route table', () => {
    const urls = bodyRoutes(app).map((r) => `${r.method} ${r.url}`);
    for (const known of ['PATCH /v1/leads/:id', 'POST /v1/models', 'POST /v1/webhooks']) {
      expect(urls).toContain(known);
    }
    expect(urls.length).toBeGreaterThan(20);
  });

  it('refuses every bad body on every management route with a coded 4xx naming where', async () => {
    const routes = bodyRoutes(app).filter(
      (r) => !INGESTION.has(r.url) && !UPLOADS.has(r.url) && !SESSION_ONLY.has(r.url),
    );
    for (const route of routes) {
      for (const bad of BAD_BODIES) {
        const res = await send(route.method, concrete(route.url), bad.body);
        expectRefused(res, bad, `${route.method} ${route.url} with ${bad.name}`);
      }
    }
  });

  it('refuses traits 65 levels deep naming body.traits, and accepts 64', async () => {
    const refused = await send(
      'PATCH',
      '/v1/leads/lead-1',
      `{"traits":${deepText(MAX_JSON_DEPTH + 1)}}`,
    );
    expect(refused.statusCode, refused.body).toBe(400);
    const { error } = refused.json<ErrorBody>();
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/^body\.traits\.a\.a\.a\.a\.a\.a… \(\d+ more\): nested deeper/);
    expect(error.details?.[0]?.field).toMatch(/^body\.traits\.a/);

    const accepted = await send('PATCH', '/v1/leads/lead-1', `{"traits":${deepText(64)}}`);
    expect(accepted.statusCode, accepted.body.slice(0, 300)).toBe(200);
    const search = await app.inject({ url: '/v1/leads?search=x', headers: admin });
    expect(search.statusCode, search.body.slice(0, 300)).toBe(200);
    const searchAda = await app.inject({ url: '/v1/leads?search=ada', headers: admin });
    expect(searchAda.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([
      'lead-1',
    ]);
  });

  it('refuses a NUL in a trait naming body.traits.name, and stores nothing', async () => {
    const res = await send('PATCH', '/v1/leads/lead-1', '{"traits":{"name":"a\\u0000"}}');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<ErrorBody>().error.message).toMatch(/^body\.traits\.name: contains a NUL/);
    const lead = await app.inject({ url: '/v1/leads/lead-1', headers: admin });
    expect(lead.json<{ traits: { name: string } }>().traits.name).toBe('Ada');
  });

  it('refuses a model whose condition nests 3,000 levels, naming the path', async () => {
    const spec = structuredClone(model) as unknown as { fit: { criteria: { when: unknown }[] } };
    const first = spec.fit.criteria[0];
    if (!first) throw new Error('the example model has no fit criteria');
    const leaf = JSON.stringify(first.when);
    first.when = 'DEEP';
    const text = JSON.stringify(spec).replace('"DEEP"', deepText(3000, leaf, 'not'));
    const res = await send('POST', '/v1/models', text);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json<ErrorBody>().error.message).toMatch(
      /^body\.fit\.criteria\[0\]\.when\.not\.not\.not… \(58 more\): nested deeper than 64/,
    );
  });

  it('validates a model whose condition nests up to the limit', async () => {
    // fit, criteria, [0] and when are four levels: 60 `not`s reach the 64th with the leaf.
    const spec = structuredClone(model) as unknown as {
      name: string;
      fit: { criteria: Array<{ when: unknown }> };
    };
    const first = spec.fit.criteria[0];
    if (!first) throw new Error('the example model has no fit criteria');
    for (let i = 0; i < 60; i++) first.when = { not: first.when };
    spec.name = 'deep-enough';
    const res = await send('POST', '/v1/models', JSON.stringify(spec));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const deeper = structuredClone(spec);
    const firstDeeper = deeper.fit.criteria[0] as { when: unknown };
    firstDeeper.when = { not: firstDeeper.when };
    const refused = await send('POST', '/v1/models', JSON.stringify(deeper));
    expect(refused.statusCode, refused.body.slice(0, 300)).toBe(400);
  });

  describe('YAML models', () => {
    const yaml = (text: string | Buffer) => send('POST', '/v1/models', text, 'application/yaml');
    const problems = (res: LightMyRequestResponse) =>
      res.json<{
        error: { code: string; details: { path: string; message: string; line?: number }[] };
      }>().error;

    it('refuses a NUL (escaped in a double-quoted string) naming its path and line', async () => {
      const res = await yaml(MODEL_YAML.replace('name: b2b-saas', 'name: "b2b\\0saas"'));
      expect(res.statusCode, res.body).toBe(422);
      const error = problems(res);
      expect(error.code).toBe('invalid_model');
      expect(error.details[0]).toMatchObject({ path: 'name', line: 3 });
      expect(error.details[0]?.message).toMatch(/NUL/);
      // The same YAML as a backtest's draft: its name would be stored in the job's result.
      const draft = MODEL_YAML.replace('name: b2b-saas', 'name: "b2b\\0saas"');
      const backtest = await send('POST', '/v1/models/backtest', JSON.stringify({ yaml: draft }));
      expect(backtest.statusCode, backtest.body).toBe(422);
      expect(problems(backtest).details[0]).toMatchObject({ path: 'name', line: 3 });
    });

    it('refuses a lone surrogate in a key', async () => {
      const res = await yaml(MODEL_YAML.replace('description:', '"\\ud83d": 1\ndescription:'));
      expect(res.statusCode, res.body).toBe(422);
      expect(problems(res).details[0]?.message).toMatch(/key contains a lone UTF-16 surrogate/);
    });

    it('refuses nesting past the limit, and past what the parser can read', async () => {
      const flow = (depth: number) =>
        MODEL_YAML.replace(
          /when: \{ field: title, matches: ("[^"]*") \}/,
          (_all, re: string) =>
            `when: ${'{ not: '.repeat(depth)}{ field: title, matches: ${re} }${' }'.repeat(depth)}`,
        );
      for (const depth of [61, 3000]) {
        const res = await yaml(flow(depth));
        expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
        const first = problems(res).details[0];
        expect(first?.message).toMatch(/nested (deeper than 64 levels|too deeply to read)/);
        expect(first?.line).toBe(9);
      }
      expect(problems(await yaml(flow(61))).details[0]?.path).toMatch(
        /^fit\.criteria\[0\]\.when\.not\.not\.not\.not… \(57 more\)$/,
      );
    });

    it('refuses an alias bomb', async () => {
      const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
      for (let i = 1; i < 10; i++) {
        const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
        lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
      }
      const res = await yaml(lines.join('\n'));
      expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
      expect(problems(res).details[0]?.message).toMatch(/alias/i);
    });

    it('refuses invalid UTF-8 and a body over the size limit', async () => {
      const bytes = Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9, 0x0a])]);
      const invalid = await yaml(bytes);
      expect(invalid.statusCode, invalid.body).toBe(400);
      expect(invalid.json<ErrorBody>().error.message).toBe(
        'body: not valid UTF-8 (invalid byte sequence at byte 9)',
      );
      const large = await yaml(`# ${'x'.repeat(MAX_BODY_BYTES)}\n${MODEL_YAML}`);
      expect(large.statusCode).toBe(413);
      expect(large.json<ErrorBody>().error.code).toBe('payload_too_large');
    });
  });
});

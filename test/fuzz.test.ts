// Property-based fuzzing of the HTTP API over a real SQLite store: malformed JSON, wrong types,
// huge strings, deep nesting, invalid timestamps, unknown fields, random content types and path
// segments never get a 5xx, every 4xx is a coded error, nothing valid in a batch is lost, and
// no other workspace's key (nor a write key) reads or changes a workspace's data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const MODEL_YAML = readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8');
const model = parseModel(MODEL_YAML);
const [sqlite] = freshStores();

interface Workspace {
  id: string;
  write: Record<string, string>;
  writeBearer: Record<string, string>;
  admin: Record<string, string>;
}

async function workspace(store: Store, name: string): Promise<Workspace> {
  const made = await createWorkspaceWithKeys(store, name, NOW);
  const version = await store.addModel(
    made.workspace.id,
    model as unknown as Record<string, unknown>,
    NOW,
  );
  await store.activateModel(made.workspace.id, version, NOW);
  return {
    id: made.workspace.id,
    write: { authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}` },
    writeBearer: { authorization: `Bearer ${made.write.secret}` },
    admin: { authorization: `Bearer ${made.admin.secret}` },
  };
}

let store: Store;
let app: FastifyInstance;
/** Activation jobs started by the tests: waited for before the store closes. */
const jobs: { ws: string; id: string }[] = [];

async function jobsFinished(): Promise<void> {
  for (const { ws, id } of jobs) {
    for (let i = 0; i < 2000; i++) {
      const status = (await store.getJob(ws, id))?.status;
      if (status !== 'queued' && status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

beforeAll(async () => {
  if (!sqlite) throw new Error('no SQLite store');
  store = await sqlite.open();
  app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
});

afterAll(jobsFinished);

/** No 5xx; a 4xx is `{ error: { code, message } }` with both filled in. */
function expectSane(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what} -> ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    let body: unknown;
    expect(() => (body = JSON.parse(res.body)), `${what}: 4xx body is JSON`).not.toThrow();
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
    expect(typeof error?.code, `${what}: error.code`).toBe('string');
    expect(typeof error?.message, `${what}: error.message`).toBe('string');
    expect((error?.message as string).length).toBeGreaterThan(0);
  }
}

const nest = (depth: number, leaf: unknown = 'x'): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

const badTimestamp = fc.oneof(
  fc.constantFrom(
    'not a time',
    '',
    '2026-13-45T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-06-01T25:61:00Z',
    '+275760-09-13T00:00:00.001Z',
    '-271821-04-19T00:00:00Z',
    '0000-00-00',
    '1e400',
    'NaN',
    'Infinity',
    '2026-06-01',
    '12:00',
  ),
  fc.double(),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.integer(),
);

/** Values that break types, sizes and depth. */
const weird = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'é'.repeat(n)),
  fc.integer({ min: 10, max: 400 }).map((n) => nest(n)),
  badTimestamp,
);

const CALL_TYPES = ['identify', 'track', 'page', 'group', 'alias'] as const;
const FIELDS = [
  'type',
  'userId',
  'anonymousId',
  'messageId',
  'event',
  'name',
  'timestamp',
  'sentAt',
  'originalTimestamp',
  'properties',
  'traits',
  'context',
  'integrations',
  'groupId',
  'previousId',
] as const;

function validCall(type: (typeof CALL_TYPES)[number], n: number): Record<string, unknown> {
  const base = {
    type,
    userId: `fz${n % 7}`,
    messageId: `fuzz-${n}`,
    timestamp: '2026-05-30T00:00:00Z',
  };
  switch (type) {
    case 'identify':
      return { ...base, traits: { title: 'VP Sales', country: 'US' } };
    case 'track':
      return { ...base, event: 'Email Opened', properties: { n } };
    case 'page':
      return { ...base, name: 'Pricing', properties: { path: '/pricing' } };
    case 'group':
      return { ...base, groupId: `g${n % 3}`, traits: { employees: n } };
    case 'alias':
      return { ...base, previousId: `anon-${n}` };
  }
}

/** A valid call with some fields overwritten by weird values and some unknown fields added. */
const mutatedCall = fc
  .record({
    type: fc.constantFrom(...CALL_TYPES),
    n: fc.nat(1_000_000),
    overrides: fc.dictionary(fc.constantFrom(...FIELDS), weird, { maxKeys: 3 }),
    extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 }), {
      maxKeys: 2,
    }),
  })
  .map(({ type, n, overrides, extra }) => ({ ...extra, ...validCall(type, n), ...overrides }));

const text = (value: unknown) => JSON.stringify(value) ?? 'undefined';

const ingestionBody = fc.oneof(
  mutatedCall.map(text),
  fc.array(mutatedCall, { maxLength: 5 }).map((batch) => text({ batch })),
  fc
    .record({ batch: fc.anything({ maxDepth: 2 }), sentAt: weird, context: weird })
    .map((b) => text(b)),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc
    .tuple(mutatedCall.map(text), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([json, cut]) => json.slice(0, Math.floor(json.length * cut))),
  fc.integer({ min: 10, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 10, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.constantFrom('', 'null', '[]', '"x"', '1', '{"batch":null}', '{"__proto__":{"x":1}}'),
);

const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/yaml',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    '*/*',
    'garbage',
    '',
  ),
  { nil: undefined },
);

describe('fuzzing the ingestion endpoints', () => {
  it('answers every body, content type and endpoint without a 5xx, 4xx as coded errors', async () => {
    const ws = await workspace(store, 'ingest-fuzz');
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALL_TYPES, 'batch'),
        ingestionBody,
        contentType,
        async (endpoint, payload, type) => {
          const res = await app.inject({
            method: 'POST',
            url: `/v1/${endpoint}`,
            headers: { ...ws.write, ...(type === undefined ? {} : { 'content-type': type }) },
            payload,
          });
          expectSane(res, `POST /v1/${endpoint} (${type}) ${payload.slice(0, 200)}`);
          statuses.add(res.statusCode);
          if (res.statusCode === 200) expect(res.json()).toMatchObject({ success: true });
        },
      ),
      { seed: SEED, numRuns: 1_000 },
    );
    // The runs reached storing as well as each kind of refusal.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 413, 415]));
  });

  it('keeps every valid message of a batch that mixes valid and invalid ones', async () => {
    const ws = await workspace(store, 'batch-fuzz');
    let counter = 0;
    const invalid = fc.oneof(
      fc.constantFrom(null, 1, 'track', [], true),
      fc.constant({ type: 'bogus', userId: 'x', event: 'E' }),
      fc.constant({ type: 'track', userId: 'x', event: '' }),
      fc.constant({ type: 'track', userId: 'x', event: 42 }),
      fc.constant({ type: 'track', userId: 'x', event: 'E', properties: 'not an object' }),
      fc.constant({ type: 'track', userId: { id: 1 }, event: 'E' }),
      fc.constant({ type: 'group', userId: 'x', groupId: '  ' }),
      fc.constant({ type: 'alias', userId: 'x' }),
      fc.constant({ type: 'track', userId: 'x', event: 'E', properties: nest(200) }),
      fc.constant({
        type: 'track',
        userId: 'x',
        event: 'E',
        properties: { b: 'x'.repeat(40_000) },
      }),
      badTimestamp
        .filter((t) => typeof t === 'string' && t !== '' && !/^-?\d+(\.\d+)?$/.test(t))
        .filter((t) => t !== '2026-06-01')
        .map((timestamp) => ({ type: 'track', userId: 'x', event: 'E', timestamp })),
    );
    const entry = fc.oneof(
      { arbitrary: fc.constantFrom(...CALL_TYPES).map((t) => ({ valid: true, t })), weight: 3 },
      { arbitrary: invalid.map((m) => ({ valid: false, m })), weight: 2 },
    );
    const extras = fc.dictionary(
      fc.string({ maxLength: 8 }).filter((k) => !(FIELDS as readonly string[]).includes(k)),
      fc.anything({ maxDepth: 2 }),
      { maxKeys: 2 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(entry, extras), { maxLength: 12 }), async (entries) => {
        const batch = entries.map(([e, extra]) =>
          'm' in e ? e.m : { ...extra, ...validCall(e.t, counter++ + 2_000_000) },
        );
        const valid = entries.flatMap(([e], i) => ('t' in e ? [i] : []));
        const before = await store.countEvents(ws.id);
        const res = await app.inject({
          method: 'POST',
          url: '/v1/batch',
          headers: ws.write,
          payload: { batch },
        });
        expectSane(res, `batch ${text(batch).slice(0, 300)}`);
        expect(res.statusCode).toBe(200);
        const body = res.json<{
          stored: number;
          duplicates: number;
          rejected: { index: number }[];
        }>();
        const rejected = body.rejected.map((r) => r.index);
        expect(
          rejected.filter((i) => valid.includes(i)),
          'valid messages rejected',
        ).toEqual([]);
        expect(rejected.length, `rejected ${text(body.rejected)}`).toBe(
          batch.length - valid.length,
        );
        expect(body.stored).toBe(valid.length);
        expect(await store.countEvents(ws.id)).toBe(before + valid.length);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

// Well-formed path segments within Fastify's parameter length (100); the malformed and the
// over-long ones are tried one by one in their own test below.
const NASTY_SEGMENTS = [
  '..',
  '%00',
  '0',
  '-1',
  '1.5',
  '1e3',
  '9999999999999999999999',
  'NaN',
  '%20',
  '%2F',
  'fz1',
  '1',
  '2',
];

const segment = fc
  .oneof(
    fc.string({ maxLength: 30 }).map(encodeURIComponent),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
    fc.integer().map(String),
    fc.constantFrom(...NASTY_SEGMENTS),
  )
  .filter((s) => s.length > 0 && s.length <= 100);

const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    'score',
    '-score',
    'updatedAt',
    '-updatedAt',
    'mql',
    'A',
    '0',
    '-1',
    '501',
    'NaN',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.integer({ min: 200, max: 5_000 }).map((n) => 'x'.repeat(n)),
);

const queryString = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'segment',
          'grade',
          'stage',
          'minScore',
          'maxScore',
          'search',
          'sort',
          'limit',
          'unknown',
          'limit[]',
          '',
        ),
        queryValue,
      ),
      { maxLength: 5 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
  fc.constantFrom('a=%zz', '&&=&', 'limit=1&limit=2', 'sort', '=', '%'),
);

const YAML_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

const modelLines = MODEL_YAML.split('\n');
const modelBody = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((v) => ({ type: 'application/json', body: text(v) })),
  fc
    .record({ key: fc.constantFrom(...Object.keys(model), 'extra'), value: weird })
    .map(({ key, value }) => ({
      type: 'application/json',
      body: text({ ...(model as unknown as Record<string, unknown>), [key]: value }),
    })),
  // YAML aliases are tried in their own test below.
  fc
    .string({ maxLength: 300 })
    .filter((body) => !body.includes('*'))
    .map((body) => ({ type: 'application/yaml', body })),
  fc
    .tuple(
      fc.nat(modelLines.length - 1),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('application/yaml', 'text/yaml', 'application/x-yaml'),
    )
    .map(([line, replacement, type]) => ({
      type,
      body: modelLines.map((l, i) => (i === line ? replacement : l)).join('\n'),
    })),
  fc.constantFrom(
    { type: 'application/yaml', body: '' },
    { type: 'application/json', body: '' },
    { type: 'application/json', body: '{"name":' },
    { type: 'text/plain', body: MODEL_YAML },
    { type: 'application/yaml', body: '!!js/function "function(){}"' },
    { type: 'application/yaml', body: `${'- '.repeat(5_000)}x` },
    { type: 'application/yaml', body: '['.repeat(5_000) },
  ),
);

interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  type?: string;
  payload?: string;
}

const managementRequest: fc.Arbitrary<Request> = fc.oneof(
  segment.map((id): Request => ({ method: 'GET', url: `/v1/leads/${id}` })),
  fc
    .tuple(segment, queryString)
    .map(([id, q]): Request => ({ method: 'GET', url: `/v1/leads/${id}/history?${q}` })),
  segment.map((id): Request => ({ method: 'DELETE', url: `/v1/leads/${id}` })),
  fc
    .tuple(
      segment,
      fc.oneof(
        fc.record({ traits: fc.dictionary(fc.string({ maxLength: 10 }), weird, { maxKeys: 3 }) }),
        fc.anything({ maxDepth: 3 }),
      ),
      contentType,
    )
    .map(([id, body, type]): Request => ({
      method: 'PATCH',
      url: `/v1/leads/${id}`,
      payload: text(body),
      ...(type === undefined ? {} : { type }),
    })),
  queryString.map((q): Request => ({ method: 'GET', url: `/v1/leads?${q}` })),
  modelBody.map(({ type, body }): Request => ({
    method: 'POST',
    url: '/v1/models',
    type,
    payload: body,
  })),
  segment.map((v): Request => ({ method: 'GET', url: `/v1/models/${v}` })),
  segment.map((v): Request => ({
    method: 'POST',
    url: `/v1/models/${v}/activate`,
    type: 'application/json',
    payload: '{}',
  })),
  segment.map((id): Request => ({ method: 'GET', url: `/v1/jobs/${id}` })),
);

describe('fuzzing the management endpoints', () => {
  it('answers random ids, query strings, bodies and models without a 5xx, 4xx as coded errors', async () => {
    const ws = await workspace(store, 'manage-fuzz');
    const statuses = new Set<number>();
    await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: ws.write,
      payload: { batch: [0, 1, 2, 3, 4, 5, 6].map((n) => validCall('identify', n)) },
    });
    await fc.assert(
      fc.asyncProperty(managementRequest, async (req) => {
        const res = await app.inject({
          method: req.method,
          url: req.url,
          headers: { ...ws.admin, ...(req.type === undefined ? {} : { 'content-type': req.type }) },
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        });
        expectSane(
          res,
          `${req.method} ${req.url.slice(0, 200)} ${req.type} ${req.payload?.slice(0, 200)}`,
        );
        statuses.add(res.statusCode);
        if (res.statusCode === 202)
          jobs.push({ ws: ws.id, id: res.json<{ jobId: string }>().jobId });
      }),
      { seed: SEED, numRuns: 1_000 },
    );
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 202, 400, 404, 422]));
  });

  it('refuses models with unresolved or exploding YAML aliases as invalid models', async () => {
    const ws = await workspace(store, 'yaml-aliases');
    for (const body of ['*!', 'name: *x', YAML_BOMB]) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: { ...ws.admin, 'content-type': 'application/yaml' },
        payload: body,
      });
      expectSane(res, `POST /v1/models ${body.slice(0, 20)}`);
      expect(res.statusCode).toBe(422);
    }
  });

  it('reads back a lead whose id is longer than 100 characters', async () => {
    const ws = await workspace(store, 'long-id');
    const longId = `lead-${'a'.repeat(150)}`;
    const ingested = await app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: ws.write,
      payload: { userId: longId, messageId: 'long-id', traits: { title: 'CEO' } },
    });
    expect(ingested.statusCode).toBe(200);
    for (const url of [`/v1/leads/${longId}`, `/v1/leads/${longId}/history`]) {
      const res = await app.inject({ method: 'GET', url, headers: ws.admin });
      expectSane(res, `GET ${url.slice(0, 40)}... (${url.length} characters)`);
      expect(res.statusCode).toBe(200);
    }
  });

  it('refuses forged list cursors with a coded 400', async () => {
    const ws = await workspace(store, 'cursors');
    for (const cursor of ['abc', '%00', 'eyJ4IjoxfQ', 'W10', 'bnVsbA']) {
      const res = await app.inject({
        method: 'GET',
        url: `/v1/leads?cursor=${cursor}`,
        headers: ws.admin,
      });
      expectSane(res, `GET /v1/leads?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
    }
  });

  it('answers malformed URL encodings and over-long path segments as coded errors', async () => {
    const ws = await workspace(store, 'bad-urls');
    for (const bad of ['%', '%zz', '%E0%A4%A', 'x'.repeat(5_000)])
      for (const url of [`/v1/leads/${bad}`, `/v1/models/${bad}`, `/v1/jobs/${bad}`]) {
        const res = await app.inject({ method: 'GET', url, headers: ws.admin });
        expectSane(res, `GET ${url.slice(0, 40)}`);
      }
  });
});

describe('workspace isolation of the management API', () => {
  it("never shows or changes one workspace's data with another's admin key or a write key", async () => {
    const a = await workspace(store, 'iso-a');
    const b = await workspace(store, 'iso-b');
    for (const [ws, id] of [
      [a, 'lead-a'],
      [b, 'lead-b'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: ws.write,
        payload: {
          batch: [
            { ...validCall('identify', 1), userId: id, traits: { email: `${id}@secret.example` } },
            { ...validCall('track', 2), userId: id, messageId: `${id}-t` },
          ],
        },
      });
      expect(res.json()).toMatchObject({ stored: 2 });
    }
    const added = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { ...b.admin, 'content-type': 'application/yaml' },
      payload: MODEL_YAML,
    });
    expect(added.json()).toMatchObject({ version: 2 });
    const activated = await app.inject({
      method: 'POST',
      url: '/v1/models/2/activate',
      headers: b.admin,
    });
    const jobId = activated.json<{ jobId: string }>().jobId;
    expect(jobId).toBeTruthy();
    jobs.push({ ws: b.id, id: jobId });

    const routes: Request[] = [
      { method: 'GET', url: '/v1/leads/lead-b' },
      { method: 'GET', url: '/v1/leads/lead-b/history' },
      {
        method: 'PATCH',
        url: '/v1/leads/lead-b',
        type: 'application/json',
        payload: '{"traits":{"email":"stolen@example.com"}}',
      },
      { method: 'DELETE', url: '/v1/leads/lead-b' },
      { method: 'GET', url: '/v1/leads' },
      { method: 'GET', url: '/v1/leads?search=secret' },
      { method: 'GET', url: '/v1/models' },
      { method: 'GET', url: '/v1/models/2' },
      { method: 'POST', url: '/v1/models/2/activate', type: 'application/json', payload: '{}' },
      { method: 'GET', url: `/v1/jobs/${jobId}` },
      {
        method: 'POST',
        url: '/v1/models',
        type: 'application/yaml',
        payload: MODEL_YAML,
      },
    ];
    const send = (req: Request, headers: Record<string, string>) =>
      app.inject({
        method: req.method,
        url: req.url,
        headers: { ...headers, ...(req.type === undefined ? {} : { 'content-type': req.type }) },
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      });

    for (const req of routes) {
      const what = `${req.method} ${req.url}`;
      for (const [name, headers] of [
        ['b write key', b.write],
        ['b write key as Bearer', b.writeBearer],
        ['no key', {}],
        ['unknown key', { authorization: 'Bearer ls_admin_unknown_unknown_unknown' }],
      ] as const) {
        const res = await send(req, headers);
        expectSane(res, `${what} with ${name}`);
        expect([401, 403], `${what} with ${name}`).toContain(res.statusCode);
        expect(res.body).not.toContain('lead-b');
        expect(res.body).not.toContain('secret.example');
      }
      const res = await send(req, a.admin);
      expectSane(res, `${what} with a's admin key`);
      // A 404 may name the id asked for; nothing else of b's may show.
      if (res.statusCode !== 404)
        expect(res.body, `${what} with a's admin key`).not.toContain('lead-b');
      expect(res.body).not.toContain('lead-b@secret.example');
      if (req.url.startsWith('/v1/leads/') || req.url.startsWith('/v1/jobs/'))
        expect(res.statusCode, `${what} with a's admin key`).toBe(404);
      if (req.url === '/v1/models/2' || req.url === '/v1/models/2/activate')
        expect(res.statusCode, `${what} with a's admin key`).toBe(404);
      if (req.url.startsWith('/v1/leads?'))
        expect(res.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(
          'lead-b',
        );
    }
    // b's data is as it was: the lead with its traits, model 2 active, its job its own.
    const lead = await app.inject({ method: 'GET', url: '/v1/leads/lead-b', headers: b.admin });
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({ traits: { email: 'lead-b@secret.example' } });
    expect((await store.listModels(b.id)).length).toBe(2);
    expect((await store.getJob(b.id, jobId))?.kind).toBeTruthy();
    expect((await store.listModels(a.id)).length).toBe(2);
    expect(await store.getLead(a.id, 'lead-b')).toBeUndefined();
  });
});

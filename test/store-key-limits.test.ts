// What ingestion and models may put into the stores' keys and JSON, on both stores: ids up to
// MAX_ID_BYTES and model ids and owners up to MAX_MODEL_NAME_CHARS are stored, routed, erased
// and lifted (PostgreSQL indexes hold them); longer ones, and a batch envelope nested past the
// depth limit, are refused with the field named — never a 5xx (PostgreSQL answered 500 to an id
// of 3,000 bytes, and a model with a long segment id failed every call routing a lead).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { MAX_MODEL_NAME_CHARS } from '../src/core/model-schema.js';
import { parseModel } from '../src/core/parse-model.js';
import { MAX_ID_BYTES } from '../src/ingest/json-safety.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');

/** Random text that no index can compress: `bytes` ASCII characters. */
const random = (bytes: number) => randomBytes(bytes).toString('base64url').slice(0, bytes);
/** Random letters and digits, as model ids want. */
const randomName = (chars: number) =>
  `s${randomBytes(chars)
    .toString('hex')
    .slice(0, chars - 1)}`;

const modelYaml = (segmentId: string, owner: string) => `
name: key-limits
engagement:
  rules:
    - { id: visit, event: Pricing Viewed, points: 10 }
segments:
  - id: ${segmentId}
    min: 10
    stage: bofu
    actions:
      - { type: assign, owners: ["${owner}"], once: true }
  - { id: cold, stage: tofu }
`;

describe.each(freshStores())('keys and nesting the stores can hold, on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let write: Record<string, string>;
  let admin: Record<string, string>;
  let ws: string;
  const segmentId = randomName(MAX_MODEL_NAME_CHARS);
  const owner = random(MAX_MODEL_NAME_CHARS);

  beforeAll(async () => {
    store = await open();
    app = await buildApp({ store, models: new ActiveModels(), clock: () => T0 });
    const made = await createWorkspaceWithKeys(store, 'limits', T0);
    ws = made.workspace.id;
    const model = parseModel(modelYaml(segmentId, owner)) as unknown as Record<string, unknown>;
    await store.activateModel(ws, await store.addModel(ws, model, T0), T0);
    write = { authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}` };
    admin = { authorization: `Bearer ${made.admin.secret}` };
  });

  const call = (type: string, payload: object | string) =>
    app.inject({
      method: 'POST',
      url: `/v1/${type}`,
      headers: { ...write, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('stores, routes, erases and lifts ids of MAX_ID_BYTES', async () => {
    const [user, anon, group, previous] = [1, 2, 3, 4].map(() => random(MAX_ID_BYTES)) as [
      string,
      string,
      string,
      string,
    ];
    const answers = [
      await call('identify', { userId: user, anonymousId: anon, messageId: random(MAX_ID_BYTES) }),
      await call('track', {
        userId: user,
        event: 'Pricing Viewed',
        messageId: random(MAX_ID_BYTES),
      }),
      await call('group', { userId: user, groupId: group, traits: { name: 'Acme' } }),
      await call('alias', { userId: user, previousId: previous }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    const lead = await app.inject({ method: 'GET', url: `/v1/leads/${user}`, headers: admin });
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({ segment: segmentId, owner });
    const erased = await app.inject({ method: 'DELETE', url: `/v1/leads/${user}`, headers: admin });
    expect(erased.statusCode).toBe(200);
    expect((await call('track', { userId: user, event: 'Pricing Viewed' })).statusCode).toBe(409);
    const lifted = await app.inject({
      method: 'DELETE',
      url: `/v1/suppressions/${user}`,
      headers: admin,
    });
    expect(lifted.statusCode).toBe(200);
  });

  it.each([
    ['identify', 'userId', (id: string) => ({ userId: id })],
    ['track', 'anonymousId', (id: string) => ({ anonymousId: id, event: 'Pricing Viewed' })],
    ['track', 'messageId', (id: string) => ({ userId: 'u', messageId: id, event: 'E' })],
    ['group', 'groupId', (id: string) => ({ userId: 'u', groupId: id })],
    ['alias', 'previousId', (id: string) => ({ userId: 'u', previousId: id })],
  ] as const)('refuses a %s %s one byte over the limit, naming it', async (type, field, make) => {
    const id = random(MAX_ID_BYTES + 1);
    const events = await store.countEvents(ws);
    const single = await call(type, make(id));
    expect(single.statusCode).toBe(400);
    expect(single.json()).toMatchObject({
      error: { code: 'invalid_request', details: { field } },
    });
    expect(single.json().error.message).toContain(`at most ${MAX_ID_BYTES} bytes`);
    const batch = await call('batch', {
      batch: [
        { type: 'track', userId: `kept-${field}-1`, event: 'E' },
        { type, ...make(id) },
        { type: 'track', userId: `kept-${field}-2`, event: 'E' },
      ],
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.json()).toMatchObject({
      stored: 2,
      rejected: [{ index: 1, field: `batch[1].${field}` }],
    });
    expect(await store.countEvents(ws)).toBe(events + 2);
  });

  it.each([
    [
      'a segment id',
      () => modelYaml(randomName(MAX_MODEL_NAME_CHARS + 1), 'rep'),
      'segments[0].id',
    ],
    [
      'an owner',
      () => modelYaml('hot', random(MAX_MODEL_NAME_CHARS + 1)),
      'segments[0].actions[0].owners[0]',
    ],
  ])('refuses a model with %s over the limit, naming its path', async (_, yaml, path) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { ...admin, 'content-type': 'application/yaml' },
      payload: yaml(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({
        path,
        message: `expected at most ${MAX_MODEL_NAME_CHARS} characters, got ${MAX_MODEL_NAME_CHARS + 1}`,
      }),
    ]);
  });

  it("refuses a batch whose envelope's context nests past the limit, naming it", async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    for (const levels of [64, 5_000]) {
      const res = await call(
        'batch',
        `{"batch":[{"type":"track","userId":"deep","event":"E"}],"context":${nested(levels)}}`,
      );
      expect(res.statusCode, `${levels} levels`).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'invalid_request',
        details: { field: 'context' },
      });
    }
    expect(await store.getLead(ws, 'deep')).toBeUndefined();
  });
});

// Account scores over the HTTP API and real stores: updated live from contacts' events, company
// traits and membership, listed best first and explained contribution by contribution.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-05-01T10:00:00Z');
const model = parseModel(`
name: accounts
fit:
  criteria: [{ id: vp, when: { field: title, contains: VP }, points: 10 }]
engagement:
  rules: [{ id: webinar, event: Webinar Attended, points: 20 }]
segments:
  - { id: mql, above: 20, stage: mofu }
  - { id: cold, stage: tofu }
accounts:
  aggregate: sum
  fit:
    criteria: [{ id: enterprise, when: { field: employees, gte: 1000 }, points: 50 }]
  segments:
    - { id: target, min: 100, stage: bofu }
    - { id: watch, above: 0, stage: mofu }
    - { id: none, stage: tofu }
`);

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const made = await createWorkspaceWithKeys(store, 'w', NOW);
  const ws = made.workspace.id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  const app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
  const write = {
    authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}`,
  };
  const admin = { authorization: `Bearer ${made.admin.secret}` };
  let n = 0;
  const send = async (batch: Record<string, unknown>[]) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: write,
      payload: {
        batch: batch.map((c) => ({
          messageId: `m${++n}`,
          timestamp: new Date(NOW).toISOString(),
          ...c,
        })),
      },
    });
    expect(response.statusCode).toBe(200);
  };
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: admin });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };
  return { store, ws, app, send, get, admin };
}

describe.each(freshStores())('account scores on $name', ({ open }) => {
  it('scores a company from its contacts live, explains it, and lists accounts best first', async () => {
    const { send, get } = await setup(open);
    await send([
      { type: 'identify', userId: 'ann', traits: { title: 'VP Sales' } },
      { type: 'group', userId: 'ann', groupId: 'acme', traits: { name: 'Acme', employees: 5000 } },
      { type: 'identify', userId: 'bob', traits: { title: 'Engineer' } },
      { type: 'group', userId: 'bob', groupId: 'acme' },
      { type: 'group', userId: 'cy', groupId: 'tiny', traits: { name: 'Tiny', employees: 3 } },
      { type: 'track', userId: 'ann', event: 'Webinar Attended' },
      { type: 'track', userId: 'bob', event: 'Webinar Attended' },
    ]);
    const acme = await get('/v1/accounts/acme');
    expect(acme.status).toBe(200);
    // 50 (enterprise) + ann 30 + bob 20.
    expect(acme.body).toMatchObject({
      id: 'acme',
      score: 100,
      fit: 50,
      engagement: 50,
      segment: 'target',
      stage: 'bofu',
      contacts: 2,
      aggregate: 'sum',
    });
    const contributions = acme.body.contributions as { points: number; kind: string }[];
    expect(contributions.reduce((sum, c) => sum + c.points, 0)).toBe(100);
    expect(contributions.map((c) => c.kind)).toEqual(['fit', 'contact', 'contact']);

    const list = await get('/v1/accounts?limit=1');
    expect(list.body).toMatchObject({
      items: [{ id: 'acme', name: 'Acme', score: 100, segment: 'target' }],
    });
    const rest = await get(`/v1/accounts?limit=1&cursor=${String(list.body.next)}`);
    expect(rest.body).toMatchObject({
      items: [{ id: 'tiny', score: 0, segment: 'none' }],
      next: null,
    });
  });

  it('rescores both companies when a contact moves, and the company when one is erased', async () => {
    const { send, get, app, admin } = await setup(open);
    await send([
      { type: 'group', userId: 'ann', groupId: 'acme', traits: { employees: 10 } },
      { type: 'group', userId: 'bob', groupId: 'acme' },
      { type: 'track', userId: 'ann', event: 'Webinar Attended' },
      { type: 'track', userId: 'bob', event: 'Webinar Attended' },
    ]);
    expect((await get('/v1/accounts/acme')).body).toMatchObject({ score: 40, contacts: 2 });
    await send([{ type: 'group', userId: 'bob', groupId: 'globex', traits: { employees: 2000 } }]);
    const listed = await get('/v1/accounts');
    expect(
      (listed.body.items as { id: string; score: number }[]).map((i) => [i.id, i.score]),
    ).toEqual([
      ['globex', 70],
      ['acme', 20],
    ]);
    const erased = await app.inject({ method: 'DELETE', url: '/v1/leads/ann', headers: admin });
    expect(erased.statusCode).toBe(200);
    const acme = await get('/v1/accounts');
    expect(
      (acme.body.items as { id: string; contacts: number }[]).find((i) => i.id === 'acme'),
    ).toMatchObject({
      contacts: 0,
    });
  });

  it('answers 404 for an unknown company, and says when the model scores no accounts', async () => {
    const { get, store, ws } = await setup(open);
    expect((await get('/v1/accounts/nope')).status).toBe(404);
    const plain = parseModel('name: plain\nsegments: [{ id: all, stage: tofu }]\n');
    await store.activateModel(
      ws,
      await store.addModel(ws, plain as unknown as Record<string, unknown>, NOW),
      NOW,
    );
    await store.upsertCompany(ws, 'acme', {}, NOW);
    const answer = await get('/v1/accounts/acme');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      error: { message: expect.stringContaining('no accounts') },
    });
  });
});

// The data catalog over the HTTP API on real stores: types, coverage and counts equal a direct
// count over the seeded data, frequent values by count, event counts per window with a fixed
// clock, the derived e-mail fields, the kept catalog and its refresh, and who may read it.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import type { CatalogResponse } from '../src/api/schemas/catalog.js';
import { parseModel } from '../src/core/parse-model.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { JsonObject, Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { apiKeyCaller } from './team-fixtures.js';
import { workspaceWithModel } from './test-workspace.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

const model = parseModel(`
name: catalog
segments:
  - { id: all, stage: tofu }
`);

const LEADS: [string, JsonObject][] = [
  ['l1', { title: 'VP Sales', email: 'ann@acme.io', company: { employees: 10 }, tags: ['a', 'b'] }],
  ['l2', { title: 'VP Sales', email: 'bob@gmail.com', company: { employees: 20 } }],
  ['l3', { title: 'Engineer', email: 'c@mailinator.com', company: { employees: 30 } }],
  ['l4', { title: 'VP Sales', email: 'not an address', company: { employees: '40' } }],
  ['l5', { title: '', score: 7 }],
  ['l6', { email: { domain: 'own.example' } }],
];

const EVENTS: [string, number, JsonObject][] = [
  ['Asset Downloaded', NOW - 2 * DAY, { type: 'whitepaper' }],
  ['Asset Downloaded', NOW - 10 * DAY, { type: 'whitepaper' }],
  ['Asset Downloaded', NOW - 40 * DAY, { type: 'ebook' }],
  ['Asset Downloaded', NOW - 30 * DAY, {}],
  ['Asset Downloaded', NOW - 200 * DAY, { type: 'whitepaper', pages: 12 }],
  ['Asset Downloaded', NOW + DAY, { type: 'ebook' }],
  ['Demo Requested', NOW - 89 * DAY, { seats: 5 }],
];

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const clock = { now: NOW };
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => clock.now,
  });
  const a = await workspaceWithModel(store, 'a', model, NOW);
  for (const [id, traits] of LEADS) await store.upsertLead(a.ws, id, traits, NOW);
  await store.upsertCompany(a.ws, 'acme', { industry: 'software', size: 120 }, NOW);
  await store.upsertCompany(a.ws, 'beta', { industry: 'saas' }, NOW);
  let n = 0;
  for (const [name, time, properties] of EVENTS) {
    n += 1;
    await store.insertEvent(a.ws, {
      messageId: `m${n}`,
      leadId: n === 7 ? null : 'l1',
      anonymousId: n === 7 ? 'anon' : null,
      type: 'track',
      name,
      time,
      receivedAt: time,
      payload: { event: name, properties },
    });
  }
  const get = async (headers = a.admin) => {
    const res = await app.inject({ method: 'GET', url: '/v1/catalog', headers });
    expect(res.statusCode).toBe(200);
    return res.json<CatalogResponse>();
  };
  const refresh = (headers = a.admin) =>
    app.inject({ method: 'POST', url: '/v1/catalog/refresh', headers });
  const finished = async (jobId: string) => {
    for (let i = 0; i < 500; i++) {
      const res = await app.inject({ method: 'GET', url: `/v1/jobs/${jobId}`, headers: a.admin });
      const status = res.json<{ status: string }>().status;
      if (status === 'succeeded' || status === 'failed') return status;
      await new Promise((r) => setTimeout(r, 10));
    }
    return 'timed out';
  };
  return { store, app, clock, a, get, refresh, finished };
}

const path = (c: CatalogResponse, section: 'traits' | 'companyTraits', p: string) =>
  c[section].find((t) => t.path === p);

describe.each(freshStores())('the data catalog on $name', ({ open }) => {
  it('counts types, coverage and values as a direct count over the data does', async () => {
    const { get } = await setup(open);
    const c = await get();
    expect(c).toMatchObject({ source: 'computed', asOf: new Date(NOW).toISOString() });
    expect(c.leads).toBe(LEADS.length);
    expect(c.companies).toBe(2);
    // Direct count: leads whose title is not missing, and how often each value occurs.
    const titles = LEADS.map(([, t]) => t.title).filter((t) => typeof t === 'string' && t !== '');
    expect(path(c, 'traits', 'title')).toMatchObject({
      count: titles.length,
      coverage: titles.length / LEADS.length,
      types: { string: titles.length },
      values: [
        { value: 'VP Sales', count: 3 },
        { value: 'Engineer', count: 1 },
      ],
    });
    expect(path(c, 'traits', 'company.employees')).toMatchObject({
      count: 4,
      types: { number: 3, string: 1 },
      numbers: { min: 10, max: 30, p25: 15, p50: 20, p75: 25, exact: true },
    });
    expect(path(c, 'traits', 'tags')).toMatchObject({
      types: { array: 1 },
      values: [
        { value: 'a', count: 1 },
        { value: 'b', count: 1 },
      ],
    });
    // Blank strings are missing, as conditions treat them.
    expect(path(c, 'traits', 'score')).toMatchObject({ count: 1, coverage: 1 / 6 });
    expect(path(c, 'companyTraits', 'industry')).toMatchObject({ count: 2, coverage: 1 });
    expect(path(c, 'companyTraits', 'size')?.numbers).toMatchObject({ min: 120, max: 120 });
  });

  it("lists the derived e-mail fields, never over a lead's own value", async () => {
    const { get } = await setup(open);
    const c = await get();
    // Valid addresses: l1, l2, l3; l6's own email.domain counts as itself.
    expect(path(c, 'traits', 'email.domain')).toMatchObject({ count: 4, types: { string: 4 } });
    expect(
      path(c, 'traits', 'email.domain')
        ?.values.map((v) => v.value)
        .sort(),
    ).toEqual(['acme.io', 'gmail.com', 'mailinator.com', 'own.example']);
    expect(path(c, 'traits', 'email.isBusiness')).toMatchObject({
      derived: true,
      count: 3,
      values: [
        { value: false, count: 2 },
        { value: true, count: 1 },
      ],
    });
    expect(path(c, 'traits', 'email.isDisposable')).toMatchObject({
      derived: true,
      values: [
        { value: false, count: 2 },
        { value: true, count: 1 },
      ],
    });
  });

  it('counts events over 30 and 90 days and all time, with their property paths', async () => {
    const { get } = await setup(open);
    const c = await get();
    expect(c.events.map((e) => [e.name, e.counts])).toEqual([
      ['Asset Downloaded', { last30Days: 2, last90Days: 4, allTime: 6 }],
      ['Demo Requested', { last30Days: 0, last90Days: 1, allTime: 1 }],
    ]);
    const asset = c.events[0]!;
    expect(asset.properties.find((p) => p.path === 'type')).toMatchObject({
      count: 5,
      coverage: 5 / 6,
      values: [
        { value: 'whitepaper', count: 3 },
        { value: 'ebook', count: 2 },
      ],
    });
    expect(asset.properties.find((p) => p.path === 'pages')?.numbers).toMatchObject({ min: 12 });
  });

  it('answers the kept catalog and refreshes it on request and when old', async () => {
    const { store, a, clock, get, refresh, finished } = await setup(open);
    expect((await get()).leads).toBe(6);
    await store.upsertLead(a.ws, 'l7', { title: 'CTO' }, NOW);
    clock.now = NOW + 60_000;
    const kept = await get();
    expect(kept).toMatchObject({ source: 'stored', leads: 6, refreshJobId: null });
    const started = await refresh();
    expect(started.statusCode).toBe(202);
    expect(await finished(started.json<{ jobId: string }>().jobId)).toBe('succeeded');
    expect(await get()).toMatchObject({ leads: 7, asOf: new Date(NOW + 60_000).toISOString() });

    await store.upsertLead(a.ws, 'l8', {}, NOW);
    clock.now = NOW + 60_000 + 16 * 60_000;
    const stale = await get();
    expect(stale).toMatchObject({ source: 'stored', leads: 7, maxAgeMinutes: 15 });
    expect(stale.refreshJobId).not.toBeNull();
    expect(await finished(stale.refreshJobId!)).toBe('succeeded');
    expect((await get()).leads).toBe(8);
  });

  it('is read with models.read and refreshed with models.write: not by sales', async () => {
    const { store, app, a, get, refresh, finished } = await setup(open);
    const sales = await apiKeyCaller(store, a.ws, 'sales', NOW);
    const viewer = await apiKeyCaller(store, a.ws, 'viewer', NOW);
    const marketer = await apiKeyCaller(store, a.ws, 'marketer', NOW);
    expect(await get(viewer.headers)).toMatchObject({ leads: 6 });
    const refused = await app.inject({ method: 'GET', url: '/v1/catalog', headers: sales.headers });
    expect(refused.statusCode).toBe(403);
    expect((await refresh(viewer.headers)).statusCode).toBe(403);
    expect((await refresh(sales.headers)).statusCode).toBe(403);
    const started = await refresh(marketer.headers);
    expect(started.statusCode).toBe(202);
    // Let the job end before the store closes.
    expect(await finished(started.json<{ jobId: string }>().jobId)).toBe('succeeded');
  });
});

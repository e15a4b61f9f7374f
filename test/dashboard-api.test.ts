// The dashboard's API over real stores: the lead list's owner filter and extras, a lead's events,
// the score distribution and funnel against what was ingested, the transitions feed, key
// management (the last admin key kept, a revoked key refused at once) and the job list.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { workspaceWithModel } from './test-workspace.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const H = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * H).toISOString();

const MODEL_YAML = `
name: dashboard
fit:
  criteria:
    - { id: vp, when: { field: title, contains: VP }, points: 20 }
  grades:
    - { grade: A, min: 20 }
    - { grade: B }
engagement:
  rules:
    - { id: demo, event: Demo Requested, points: 50 }
    - { id: visit, event: Pricing Viewed, points: 5 }
segments:
  - id: hot
    min: 50
    stage: bofu
    actions:
      - { type: assign, owners: [ann@acme.io] }
      - { type: tag, tag: hot-lead }
  - { id: warm, min: 20, stage: mofu }
  - { id: cold, stage: tofu }
conversions: { event: Order Completed }
`;
const model = parseModel(MODEL_YAML);

const identify = (userId: string, n: number, hoursAgo: number, traits: object) => ({
  type: 'identify',
  userId,
  messageId: `i${n}`,
  timestamp: at(hoursAgo),
  traits,
});
const track = (userId: string, n: number, hoursAgo: number, event: string, properties = {}) => ({
  type: 'track',
  userId,
  messageId: `t${n}`,
  timestamp: at(hoursAgo),
  event,
  properties,
});

/** Five leads: u1 and u2 hot (owned by ann, tagged), u3 warm, u4 and u5 cold; u1 a customer. */
const BATCH = [
  identify('u1', 1, 50, { title: 'VP Sales', email: 'u1@x.io' }),
  identify('u2', 2, 49, { title: 'Engineer' }),
  identify('u3', 3, 48, { title: 'VP Ops' }),
  identify('u4', 4, 47, { title: 'Engineer' }),
  identify('u5', 5, 46, {}),
  track('u1', 1, 30, 'Pricing Viewed', { plan: 'pro' }),
  track('u1', 2, 20, 'Demo Requested'),
  track('u2', 3, 10, 'Demo Requested'),
  track('u4', 4, 9, 'Pricing Viewed'),
  track('u1', 5, 5, 'Order Completed', { revenue: 900 }),
  {
    type: 'page',
    userId: 'u5',
    messageId: 'p1',
    timestamp: at(8),
    name: 'Pricing',
    properties: { path: '/pricing' },
  },
  // Sent late, but it happened before the demo request: the events list goes by event time.
  track('u1', 6, 25, 'Pricing Viewed'),
];

const workspace = (store: Store, name: string) => workspaceWithModel(store, name, model, NOW);

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const clock = { now: NOW };
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => clock.now,
  });
  const a = await workspace(store, 'a');
  const b = await workspace(store, 'b');
  const get = (url: string, headers: Record<string, string> = a.admin) =>
    app.inject({ method: 'GET', url, headers });
  const ingest = await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: a.write,
    payload: { batch: BATCH },
  });
  expect(ingest.json()).toMatchObject({ stored: BATCH.length, rejected: [] });
  return { store, app, clock, a, b, get };
}

interface ListItem {
  id: string;
  storedScore: number | null;
  segment: string | null;
  owner: string | null;
  tags: string[];
  lastActivityAt: string | null;
  trend: number[];
}
interface Page<T> {
  items: T[];
  next: string | null;
}
interface Snapshot {
  score: number;
  grade: string | null;
  segment: string;
  stage: string;
}
interface HistoryItem extends Snapshot {
  at: string;
  previous: Snapshot | null;
}

/** Every item of a cursor-paginated list from `cursor` on, following `next` in `param`. */
async function walk<T>(
  get: (url: string) => Promise<{ statusCode: number; json<R>(): R }>,
  url: string,
  param: string,
  cursor: string | null = null,
): Promise<T[]> {
  const items: T[] = [];
  for (let pages = 0; pages < 50; pages++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await get(
      cursor === null ? url : `${url}${sep}${param}=${encodeURIComponent(cursor)}`,
    );
    expect(res.statusCode).toBe(200);
    const page = res.json<Page<T>>();
    items.push(...page.items);
    cursor = page.next;
    if (cursor === null) return items;
  }
  throw new Error('no last page');
}

describe.each(freshStores())('dashboard API on $name', ({ open }) => {
  it('lists leads with owner, tags, latest activity and score trend, filtered by owner', async () => {
    const { get, b } = await setup(open);
    const all = await walk<ListItem>(get, '/v1/leads?limit=2', 'cursor');
    expect(all.map((i) => i.id).sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    const byId = new Map(all.map((i) => [i.id, i]));
    expect(byId.get('u1')).toMatchObject({
      segment: 'hot',
      owner: 'ann@acme.io',
      tags: ['hot-lead'],
      lastActivityAt: at(5),
    });
    expect(byId.get('u3')).toMatchObject({
      segment: 'warm',
      owner: null,
      tags: [],
      lastActivityAt: at(48),
    });
    for (const item of all) {
      const history = (await get(`/v1/leads/${item.id}/history?limit=100`)).json<{
        items: HistoryItem[];
      }>().items;
      // The trend is the score after each of its last (up to 12) history entries, oldest first.
      expect(item.trend, item.id).toEqual(
        history
          .slice(0, 12)
          .map((h) => h.score)
          .reverse(),
      );
      expect(item.trend.at(-1), item.id).toBe(item.storedScore);
    }

    const owned = (await get('/v1/leads?owner=ann%40acme.io')).json<Page<ListItem>>();
    expect(owned.items.map((i) => i.id)).toEqual(['u1', 'u2']);
    expect((await get('/v1/leads?owner=bob')).json<Page<ListItem>>().items).toEqual([]);
    expect(
      (await get('/v1/leads?owner=ann%40acme.io', b.admin)).json<Page<ListItem>>().items,
    ).toEqual([]);
    expect((await get('/v1/leads?owner=')).statusCode).toBe(400);
  });

  it("pages through a lead's events newest first, and answers 404 for an unknown lead", async () => {
    const { get, b } = await setup(open);
    const events = await walk<{ messageId: string; timestamp: string }>(
      get,
      '/v1/leads/u1/events?limit=2',
      'before',
    );
    expect(events.map((e) => e.messageId)).toEqual(['t5', 't2', 't6', 't1', 'i1']);
    const [newest] = (await get('/v1/leads/u1/events?limit=1')).json<Page<unknown>>().items;
    expect(newest).toEqual({
      messageId: 't5',
      type: 'track',
      name: 'Order Completed',
      properties: { revenue: 900 },
      timestamp: at(5),
      receivedAt: new Date(NOW).toISOString(),
    });
    const identify = events.at(-1);
    expect(identify).toMatchObject({ messageId: 'i1', timestamp: at(50) });
    const [first] = (await get('/v1/leads/u1/events?limit=5'))
      .json<Page<{ name: string | null }>>()
      .items.slice(-1);
    expect(first).toMatchObject({
      name: null,
      properties: { title: 'VP Sales', email: 'u1@x.io' },
    });

    const u5 = (await get('/v1/leads/u5/events')).json<Page<unknown>>();
    expect(u5).toMatchObject({
      items: [
        { messageId: 'p1', type: 'page', name: 'Pricing', properties: { path: '/pricing' } },
        { messageId: 'i5', type: 'identify', name: null, properties: {} },
      ],
      next: null,
    });

    const unknown = await get('/v1/leads/nobody/events');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await get('/v1/leads/u1/events', b.admin)).statusCode).toBe(404);
    const bad = await get('/v1/leads/u1/events?before=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: {
        code: 'invalid_request',
        message: 'querystring.before: not a cursor from this list',
      },
    });
    expect((await get('/v1/leads/u1/events?limit=0')).statusCode).toBe(400);
  });

  it('reports the score distribution and the funnel as counted from what was ingested', async () => {
    const { get, b } = await setup(open);
    const leads = await walk<ListItem>(get, '/v1/leads?limit=500', 'cursor');
    const scores = leads.map((l) => l.storedScore ?? Number.NaN);
    const res = await get('/v1/reports/distribution?bins=5');
    expect(res.statusCode).toBe(200);
    const d = res.json<{
      total: number;
      scored: number;
      min: number;
      max: number;
      bins: { from: number; to: number; count: number }[];
      segments: { segment: string; count: number }[];
      grades: { grade: string | null; count: number }[];
      stages: { stage: string; count: number }[];
      thresholds: { segment: string; minScore: number | null }[];
    }>();
    expect(d).toMatchObject({
      total: 5,
      scored: 5,
      min: Math.min(...scores),
      max: Math.max(...scores),
    });
    expect(d.bins).toHaveLength(5);
    expect(d.bins.reduce((s, bin) => s + bin.count, 0)).toBe(5);
    expect(d.bins[0]?.from).toBe(d.min);
    expect(d.bins[4]?.to).toBe(d.max);
    for (const [i, bin] of d.bins.entries()) {
      const last = i === d.bins.length - 1;
      const inBin = scores.filter((s) => s >= bin.from && (last ? s <= bin.to : s < bin.to));
      expect(bin.count, `bin ${i}`).toBe(inBin.length);
    }
    expect(d.segments).toEqual([
      { segment: 'hot', count: 2 },
      { segment: 'warm', count: 1 },
      { segment: 'cold', count: 2 },
    ]);
    expect(d.grades).toEqual([
      { grade: 'A', count: 2 },
      { grade: 'B', count: 3 },
    ]);
    expect(d.stages).toEqual([
      { stage: 'tofu', count: 2 },
      { stage: 'mofu', count: 1 },
      { stage: 'bofu', count: 2 },
    ]);
    expect(d.thresholds).toEqual([
      { segment: 'hot', minScore: 50 },
      { segment: 'warm', minScore: 20 },
      { segment: 'cold', minScore: null },
    ]);
    expect((await get('/v1/reports/distribution?bins=0')).statusCode).toBe(400);
    const empty = (await get('/v1/reports/distribution', b.admin)).json();
    expect(empty).toMatchObject({ total: 0, scored: 0, min: null, max: null, bins: [] });

    expect((await get('/v1/leads/u1/lifecycle')).json()).toMatchObject({ stage: 'customer' });
    const funnel = await get('/v1/reports/funnel');
    expect(funnel.statusCode).toBe(200);
    expect(funnel.json()).toEqual({
      leads: 5,
      converted: 1,
      stages: [
        { stage: 'tofu', leads: 2, converted: 0, rate: 0 },
        { stage: 'mofu', leads: 1, converted: 0, rate: 0 },
        { stage: 'bofu', leads: 2, converted: 1, rate: 0.5 },
      ],
      segments: [
        { segment: 'hot', leads: 2, converted: 1, rate: 0.5 },
        { segment: 'warm', leads: 1, converted: 0, rate: 0 },
        { segment: 'cold', leads: 2, converted: 0, rate: 0 },
      ],
    });
  });

  it('feeds the changes of segment, grade or stage across the workspace, newest first', async () => {
    const { app, a, b, get } = await setup(open);
    const expected: string[] = [];
    for (const id of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      const history = (await get(`/v1/leads/${id}/history?limit=100`)).json<{
        items: HistoryItem[];
      }>().items;
      for (const h of history) {
        const p = h.previous;
        if (!p || p.segment !== h.segment || p.grade !== h.grade || p.stage !== h.stage)
          expected.push(`${id} ${h.at} ${h.segment}`);
      }
    }
    type Item = { leadId: string; at: string; from: Snapshot | null; to: Snapshot };
    const first = (await get('/v1/transitions?limit=2')).json<Page<Item>>();
    // A transition recorded while paging comes before the cursor: no page repeats or skips one.
    const demo = { userId: 'u3', event: 'Demo Requested', timestamp: at(1) };
    await app.inject({ method: 'POST', url: '/v1/track', headers: a.write, payload: demo });
    const feed = [
      ...first.items,
      ...(await walk<Item>(get, '/v1/transitions?limit=2', 'before', first.next)),
    ];
    expect(feed.map((t) => `${t.leadId} ${t.at} ${t.to.segment}`).sort()).toEqual(expected.sort());
    const [newest] = (await get('/v1/transitions?limit=1')).json<Page<Item>>().items;
    expect(newest).toMatchObject({
      leadId: 'u3',
      at: new Date(NOW).toISOString(),
      from: { segment: 'warm' },
      to: { segment: 'hot' },
    });
    for (const t of feed) {
      if (t.from === null) continue;
      const changed = ['segment', 'grade', 'stage'] as const;
      expect(changed.some((k) => t.from?.[k] !== t.to[k])).toBe(true);
    }
    // u1 was first scored warm (its fit), then went hot (its demo request): newest first.
    const u1 = feed.filter((t) => t.leadId === 'u1').map((t) => t.to.segment);
    expect(u1).toEqual(['hot', 'warm']);
    expect(feed.find((t) => t.leadId === 'u1' && t.to.segment === 'hot')?.from).toMatchObject({
      segment: 'warm',
    });
    expect((await get('/v1/transitions', b.admin)).json()).toEqual({ items: [], next: null });
    expect((await get('/v1/transitions?before=%7B%7D')).statusCode).toBe(400);
  });

  it('issues, lists and revokes keys: never a hash, the secret once, the last admin kept', async () => {
    const { app, a, b, get } = await setup(open);
    const list = await get('/v1/keys');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Record<string, unknown>[] }>().items;
    expect(items.map((k) => [k.kind, k.role]).sort()).toEqual([
      ['api', 'owner'],
      ['write', null],
    ]);
    for (const k of items) {
      expect(Object.keys(k).sort()).toEqual([
        'createdAt',
        'id',
        'kind',
        'name',
        'prefix',
        'revokedAt',
        'role',
      ]);
    }
    expect(list.body).not.toMatch(/hash/);

    const post = (payload: object, headers = a.admin) =>
      app.inject({ method: 'POST', url: '/v1/keys', headers, payload });
    const del = (id: string, headers: Record<string, string> = a.admin) =>
      app.inject({ method: 'DELETE', url: `/v1/keys/${id}`, headers });
    // 'admin' is the old name of an api key of role owner.
    const issued = await post({ kind: 'admin', name: 'ci' });
    expect(issued.statusCode).toBe(201);
    const created = issued.json<{ id: string; kind: string; name: string; key: string }>();
    expect(created).toMatchObject({
      kind: 'api',
      role: 'owner',
      name: 'ci',
      key: expect.stringMatching(/^ls_api_/),
    });
    const second = { authorization: `Bearer ${created.key}` };
    const listed = (await get('/v1/keys', second)).json<{
      items: { id: string; name: string | null; prefix: string }[];
    }>();
    // The kind marker and 4 characters of the secret: all that is kept in clear.
    expect(listed.items.find((k) => k.id === created.id)).toMatchObject({
      name: 'ci',
      prefix: created.key.slice(0, 'ls_api_'.length + 4),
    });
    expect(JSON.stringify(listed)).not.toContain(created.key);

    // The first admin key is cached by now; revoked, it is refused on the very next call.
    expect((await get('/v1/keys')).statusCode).toBe(200);
    const revoked = await del(a.adminKeyId, second);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ id: a.adminKeyId, revokedAt: new Date(NOW).toISOString() });
    expect((await get('/v1/keys')).statusCode).toBe(401);
    expect((await get('/v1/leads')).statusCode).toBe(401);

    const last = await del(created.id, second);
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({
      error: { code: 'conflict', details: { id: created.id, reason: 'last_admin_key' } },
    });
    expect((await get('/v1/keys', second)).statusCode).toBe(200);

    // A write key, used (so cached) for ingestion, stops working at once too.
    const ingestOne = () =>
      app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: a.write,
        payload: { userId: 'u9', event: 'Pricing Viewed' },
      });
    expect((await ingestOne()).statusCode).toBe(200);
    expect((await del(a.writeKeyId, second)).statusCode).toBe(200);
    expect((await ingestOne()).statusCode).toBe(401);
    // Revoking it again answers the time it was revoked.
    expect((await del(a.writeKeyId, second)).json()).toMatchObject({ id: a.writeKeyId });

    expect((await del('no-such-key', second)).statusCode).toBe(404);
    expect((await del(created.id, b.admin)).statusCode).toBe(404);
    expect((await post({ kind: 'root' }, second)).statusCode).toBe(400);
    expect((await post({ kind: 'write', hash: 'x' }, second)).statusCode).toBe(400);
    expect((await get('/v1/keys', b.write)).statusCode).toBe(401);
    expect((await get('/v1/keys', b.writeAsBearer)).statusCode).toBe(403);
  });

  it('lists background jobs newest first', async () => {
    const { app, a, clock, get } = await setup(open);
    const jobIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.now = NOW + i * 1000;
      const upload = await app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: { ...a.admin, 'content-type': 'application/yaml' },
        payload: MODEL_YAML,
      });
      const { version } = upload.json<{ version: number }>();
      const started = await app.inject({
        method: 'POST',
        url: `/v1/models/${version}/activate`,
        headers: a.admin,
      });
      const jobId = started.json<{ jobId: string }>().jobId;
      jobIds.push(jobId);
      for (let tries = 0; tries < 2000; tries++) {
        const job = (await get(`/v1/jobs/${jobId}`)).json<{ status: string }>();
        if (job.status === 'succeeded' || job.status === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    const res = await get('/v1/jobs');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: string; status: string; createdAt: string }[] }>().items;
    expect(items.map((j) => j.id)).toEqual([...jobIds].reverse());
    expect(items.every((j) => j.status === 'succeeded')).toBe(true);
    expect(
      (await get('/v1/jobs?limit=2')).json<{ items: { id: string }[] }>().items.map((j) => j.id),
    ).toEqual([...jobIds].reverse().slice(0, 2));
    expect((await get('/v1/jobs?limit=0')).statusCode).toBe(400);
  });
});

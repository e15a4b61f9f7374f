// The audit trail over the HTTP API on real stores: each audited management route called once
// writes exactly one entry (action, actor, target, summary, never a secret) in the transaction of
// its change; a refused or failed change records nothing; GET /v1/audit filters and pages, owner
// only; retention drops old entries; nothing in the API updates or deletes an entry.
import type { FastifyInstance, LightMyRequestResponse as Response } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../src/api/access-table.js';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import {
  AuditRetention,
  DEFAULT_AUDIT_RETENTION_DAYS,
  pruneAudit,
} from '../src/service/audit/audit-retention.js';
import { startSession } from '../src/service/auth/sessions.js';
import { handOver } from '../src/service/lifecycle/hand-over.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { AuditEntry, Store } from '../src/store/port.js';
import { dropTable, freshStores } from './fresh-stores.js';
import { form } from './import-api-context.js';
import { workspaceWithModel, type TestWorkspace } from './test-workspace.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');

const model = parseModel(`
name: audited
engagement:
  rules:
    - { id: order, event: Order Completed, points: 50 }
segments:
  - { id: hot, min: 50, stage: bofu, qualified: true }
  - { id: cold, stage: tofu }
`);

interface Setup {
  store: Store;
  app: FastifyInstance;
  clock: { now: number };
  a: TestWorkspace;
  b: TestWorkspace;
  call(method: string, url: string, payload?: object, headers?: object): Promise<Response>;
  entries(ws?: string): Promise<AuditEntry[]>;
}

async function setup(store: Store): Promise<Setup> {
  const clock = { now: T0 };
  const app = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => clock.now,
    // No DNS lookups of the test's webhook hosts.
    webhooks: { wake: () => undefined, options: { blockPrivateNetworks: false } },
  });
  const a = await workspaceWithModel(store, 'a', model, T0);
  const b = await workspaceWithModel(store, 'b', model, T0);
  const call: Setup['call'] = async (method, url, payload, headers = a.admin) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const entries = (ws = a.ws) => store.listAudit(ws, { filter: {}, limit: 1000 });
  return { store, app, clock, a, b, call, entries };
}

/** The only entry written since `before` entries, checked against the admin key as actor. */
async function onlyNew(s: Setup, before: number): Promise<AuditEntry> {
  const all = await s.entries();
  expect(all).toHaveLength(before + 1);
  const entry = all[0]!;
  expect(entry).toMatchObject({
    actorKind: 'key',
    actorId: s.a.adminKeyId,
    ip: '127.0.0.1',
    at: s.clock.now,
  });
  return entry;
}

/** What one audited route is called with, and the entry it must write. */
interface Case {
  prepare?(s: Setup): Promise<void>;
  call(s: Setup): Promise<Response>;
  status: number;
  target: string | null | ((s: Setup, res: Response) => Promise<string> | string);
  summary?: Record<string, unknown>;
  /** What the answer holds that the entry must not (besides keys' secrets). */
  secrets?(res: Response): string[];
}

const lead = (s: Setup, id = 'u1') =>
  s.store.upsertLead(s.a.ws, id, { email: 'x@example.com' }, T0);

/** A webhook with one delivery already sent (so that it can be sent again). */
async function webhookWithDelivery(s: Setup): Promise<{ webhook: string; delivery: string }> {
  const { store, a } = s;
  const hook = await store.createWebhook(
    a.ws,
    { url: 'https://crm.example/hook', eventTypes: ['lead.segment_changed'], secret: 'whsec_x' },
    T0,
  );
  await store.transaction((tx) =>
    tx.enqueueNotifications(a.ws, [
      { type: 'lead.segment_changed', leadId: 'u1', data: {}, at: T0 },
    ]),
  );
  const [claim] = await store.claimWebhookDeliveries({ now: T0, limit: 1, leaseMs: 30_000 });
  await store.recordWebhookAttempt(
    a.ws,
    claim!,
    {
      at: T0,
      statusCode: 200,
      error: null,
      latencyMs: 5,
      responseExcerpt: 'ok',
      outcome: 'succeeded',
      nextAttemptAt: null,
    },
    { disableAfter: 10, disabledReason: 'failing' },
  );
  return { webhook: hook.id, delivery: claim!.deliveryId };
}

/** An e-mail of this test's own (users are global; the file's tests share one database). */
const mail = (s: Setup, name: string) => `${name}.${s.a.ws.slice(0, 8)}@example.com`;

/** A viewer of workspace a; answers its id. */
async function member(s: Setup): Promise<string> {
  const user = await s.store.createUser({ email: mail(s, 'bob'), passwordHash: null, now: T0 });
  await s.store.setMembership(s.a.ws, user.id, 'viewer', T0);
  return user.id;
}

const CASES: Record<string, Case> = {
  'POST /v1/users': {
    call: (s) => s.call('POST', '/v1/users', { email: mail(s, 'Ann'), role: 'marketer' }),
    status: 201,
    target: (s) => `user:${mail(s, 'ann')}`,
    summary: { after: { role: 'marketer' } },
    secrets: (res) => [new URL(res.json<{ link: { url: string } }>().link.url).search.slice(1)],
  },
  'PATCH /v1/users/:id': {
    call: async (s) => s.call('PATCH', `/v1/users/${await member(s)}`, { role: 'sales' }),
    status: 200,
    target: (s) => `user:${mail(s, 'bob')}`,
    summary: { before: { role: 'viewer', disabled: false }, after: { role: 'sales' } },
  },
  'DELETE /v1/users/:id': {
    call: async (s) => s.call('DELETE', `/v1/users/${await member(s)}`),
    status: 200,
    target: (s) => `user:${mail(s, 'bob')}`,
    summary: { before: { role: 'viewer', disabled: false } },
  },
  'PATCH /v1/leads/:id': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) =>
      s.call('PATCH', '/v1/leads/u1', { traits: { title: 'CTO', email: 'y@example.com' } }),
    status: 200,
    target: 'lead:u1',
    summary: { traits: ['email', 'title'] },
  },
  'DELETE /v1/leads/:id': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('DELETE', '/v1/leads/u1'),
    status: 200,
    target: 'lead:u1',
  },
  'POST /v1/leads/:id/feedback': {
    prepare: async (s) => {
      await lead(s);
      await s.store.transaction((tx) => handOver(tx, s.a.ws, 'u1', 'hot', T0));
    },
    call: (s) =>
      s.call('POST', '/v1/leads/u1/feedback', { decision: 'accepted', by: 'ana@example.com' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'accept', by: 'ana@example.com' },
  },
  'POST /v1/leads/:id/outcome': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('POST', '/v1/leads/u1/outcome', { outcome: 'lost', reason: 'budget' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'lose', reason: 'budget' },
  },
  'POST /v1/leads/:id/lifecycle': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('POST', '/v1/leads/u1/lifecycle', { stage: 'opportunity' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'advance', to: 'opportunity' },
  },
  'POST /v1/leads/:id/lifecycle/reset': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('POST', '/v1/leads/u1/lifecycle/reset', { stage: 'sql', reason: 'call' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'reset', to: 'sql', reason: 'call' },
  },
  'POST /v1/imports': {
    call: (s) => {
      const body = form([
        {
          name: 'leads',
          filename: 'leads.csv',
          type: 'text/csv',
          content: 'id,email\nu7,u7@example.com\n',
        },
      ]);
      return s.app.inject({
        method: 'POST',
        url: '/v1/imports?dryRun=true',
        headers: { ...s.a.admin, 'content-type': body.type },
        payload: body.payload,
      });
    },
    status: 202,
    target: null,
    summary: { dryRun: true, files: ['leads'] },
  },
  'DELETE /v1/suppressions/:id': {
    prepare: (s) => s.store.suppressLead(s.a.ws, 'gone', T0).then(() => undefined),
    call: (s) => s.call('DELETE', '/v1/suppressions/gone'),
    status: 200,
    target: 'suppression:gone',
  },
  'POST /v1/models': {
    call: (s) => s.call('POST', '/v1/models', { ...model, name: 'second' }),
    status: 201,
    target: 'model:2',
    summary: { name: 'second' },
  },
  'POST /v1/models/:version/activate': {
    prepare: (s) => s.store.addModel(s.a.ws, { ...model }, T0).then(() => undefined),
    call: (s) => s.call('POST', '/v1/models/2/activate'),
    status: 202,
    target: 'model:2',
    summary: { before: { active: 1 }, after: { active: 2 } },
  },
  'POST /v1/predictive/train': {
    call: (s) => s.call('POST', '/v1/predictive/train', { kind: 'lr' }),
    status: 202,
    target: null,
    summary: { request: { kind: 'lr' } },
  },
  'POST /v1/predictive/models/:version/activate': {
    prepare: (s) =>
      s.store
        .addPredictiveModel(
          s.a.ws,
          { kind: 'logistic', document: { weights: [0.5], bias: 0.1 }, metrics: { auc: 0.8 } },
          T0,
        )
        .then(() => undefined),
    call: (s) => s.call('POST', '/v1/predictive/models/1/activate'),
    status: 200,
    target: 'predictive:1',
    summary: { after: { active: 1 } },
  },
  'POST /v1/predictive/deactivate': {
    call: (s) => s.call('POST', '/v1/predictive/deactivate'),
    status: 200,
    target: null,
    summary: { after: { active: null } },
  },
  'POST /v1/webhooks': {
    call: (s) =>
      s.call('POST', '/v1/webhooks', {
        url: 'https://hooks.example/services/T0/B0/tok3n',
        eventTypes: ['lead.segment_changed'],
      }),
    status: 201,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
    summary: { host: 'hooks.example', eventTypes: ['lead.segment_changed'] },
  },
  'PATCH /v1/webhooks/:id': {
    call: async (s) => {
      const { webhook } = await webhookWithDelivery(s);
      return s.call('PATCH', `/v1/webhooks/${webhook}`, { enabled: false });
    },
    status: 200,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
    summary: { changed: ['enabled'], after: { enabled: false } },
  },
  'DELETE /v1/webhooks/:id': {
    call: async (s) => {
      const { webhook } = await webhookWithDelivery(s);
      return s.call('DELETE', `/v1/webhooks/${webhook}`);
    },
    status: 200,
    target: null,
  },
  'POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver': {
    call: async (s) => {
      const { webhook, delivery } = await webhookWithDelivery(s);
      return s.call('POST', `/v1/webhooks/${webhook}/deliveries/${delivery}/redeliver`);
    },
    status: 202,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
  },
  'POST /v1/webhooks/:id/redeliver-failed': {
    call: async (s) => {
      const { webhook } = await webhookWithDelivery(s);
      return s.call('POST', `/v1/webhooks/${webhook}/redeliver-failed`);
    },
    status: 202,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
  },
  'POST /v1/keys': {
    call: (s) => s.call('POST', '/v1/keys', { kind: 'write', name: 'website' }),
    status: 201,
    target: (_s, res) => `key:${res.json<{ id: string }>().id}`,
    summary: { kind: 'write', role: null, name: 'website' },
  },
  'DELETE /v1/keys/:id': {
    call: (s) => s.call('DELETE', `/v1/keys/${s.a.writeKeyId}`),
    status: 200,
    target: async (s) => `key:${s.a.writeKeyId}`,
  },
};

/** The audited routes of the access table that the app serves. */
async function auditedRoutes(store: Store): Promise<string[]> {
  const app = await buildApp({ store, models: new ActiveModels(), clock: () => T0 });
  await app.ready();
  return Object.entries(ACCESS_TABLE)
    .filter(([, access]) => access.kind === 'management' && access.audit !== undefined)
    .map(([route]) => route)
    .filter((route) => {
      const [method, url] = route.split(' ') as [string, string];
      return app.hasRoute({ method: method as 'GET', url });
    });
}

describe.each(freshStores())('audit trail on $name', ({ open: openStore }) => {
  // One database for the file (each test works in workspaces of its own): fewer to drop.
  let shared: Promise<Store> | undefined;
  const open = () => (shared ??= openStore());

  it('has a case for every audited route the app serves', async () => {
    expect(Object.keys(CASES).sort()).toEqual((await auditedRoutes(await open())).sort());
  });

  it.each(Object.keys(CASES))("%s writes one entry in the change's transaction", async (route) => {
    const c = CASES[route]!;
    const s = await setup(await open());
    await c.prepare?.(s);
    const before = (await s.entries()).length;
    const res = await c.call(s);
    expect(res.statusCode, res.body).toBe(c.status);
    const entry = await onlyNew(s, before);
    expect(entry.action).toBe((ACCESS_TABLE[route] as { audit: string }).audit);
    const target = typeof c.target === 'function' ? await c.target(s, res) : c.target;
    if (route !== 'DELETE /v1/webhooks/:id') expect(entry.target).toBe(target);
    else expect(entry.target).toMatch(/^webhook:/);
    if (c.summary) expect(entry.summary).toMatchObject(c.summary);
    // Never a secret: no key's secret, no webhook signing secret, no URL token.
    const text = JSON.stringify(entry);
    const adminSecret = s.a.admin.authorization!.slice('Bearer '.length);
    for (const secret of [
      'whsec_',
      'tok3n',
      s.a.writeKey,
      adminSecret,
      ...(c.secrets?.(res) ?? []),
    ])
      expect(text).not.toContain(secret);
    expect(await s.entries(s.b.ws)).toEqual([]);
  });

  it('records a key issued with its id, kind and name, never its secret', async () => {
    const s = await setup(await open());
    const res = await s.call('POST', '/v1/keys', { kind: 'write', name: 'website' });
    expect(res.statusCode).toBe(201);
    const { id, key } = res.json<{ id: string; key: string }>();
    const entry = await onlyNew(s, 0);
    expect(entry).toMatchObject({
      action: 'key.create',
      target: `key:${id}`,
      summary: { kind: 'write', role: null, name: 'website' },
    });
    expect(JSON.stringify(entry)).not.toContain(key);
    expect(await s.entries(s.b.ws)).toEqual([]);
  });

  it('records nothing for a refused request, nor for a change whose transaction fails', async () => {
    const s = await setup(await open());
    expect((await s.call('PATCH', '/v1/leads/nobody', { traits: { a: 1 } })).statusCode).toBe(404);
    expect((await s.call('POST', '/v1/keys', { kind: 'nonsense' })).statusCode).toBe(400);
    expect((await s.call('POST', '/v1/keys', { kind: 'write' }, s.a.write)).statusCode).toBe(401);
    expect(await s.entries()).toEqual([]);

    // A real failure inside the erasure's transaction: its suppressions table is gone.
    const broken = await setup(await openStore());
    await lead(broken);
    await dropTable(broken.store, 'suppressions');
    expect((await broken.call('DELETE', '/v1/leads/u1')).statusCode).toBe(500);
    expect(await broken.store.getLead(broken.a.ws, 'u1')).toBeDefined();
    expect(await broken.entries()).toEqual([]);
  });

  it('answers GET /v1/audit newest first, filtered, a page at a time', async () => {
    const s = await setup(await open());
    await lead(s);
    const key = (await s.call('POST', '/v1/keys', { kind: 'write', name: 'site' })).json<{
      id: string;
    }>();
    s.clock.now = T0 + 1000;
    expect((await s.call('PATCH', '/v1/leads/u1', { traits: { t: 1 } })).statusCode).toBe(200);
    s.clock.now = T0 + 2000;
    expect((await s.call('DELETE', `/v1/keys/${key.id}`)).statusCode).toBe(200);

    type Page = {
      items: { at: string; action: string; target: string; actorKind: string; actorId: string }[];
      next: string | null;
    };
    const get = async (query: string, headers: object = s.a.admin) => {
      const res = await s.call('GET', `/v1/audit${query}`, undefined, headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Page>();
    };
    const all = await get('');
    expect(all.items.map((e) => [e.action, e.target])).toEqual([
      ['key.revoke', `key:${key.id}`],
      ['lead.update', 'lead:u1'],
      ['key.create', `key:${key.id}`],
    ]);
    expect(all.items[0]).toMatchObject({
      at: new Date(T0 + 2000).toISOString(),
      actorKind: 'key',
      actorId: s.a.adminKeyId,
      ip: '127.0.0.1',
    });
    expect(all.next).toBeNull();
    const actions = (page: Page) => page.items.map((e) => e.action);
    expect(actions(await get('?action=key.create'))).toEqual(['key.create']);
    expect(actions(await get(`?target=key:${key.id}`))).toEqual(['key.revoke', 'key.create']);
    expect(actions(await get(`?actor=${s.a.adminKeyId}`))).toHaveLength(3);
    expect(actions(await get('?actor=someone@example.com'))).toEqual([]);
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(actions(await get(`?from=${iso(T0 + 1000)}`))).toEqual(['key.revoke', 'lead.update']);
    expect(actions(await get(`?to=${iso(T0 + 1000)}`))).toEqual(['key.create']);

    const first = await get('?limit=2');
    expect(actions(first)).toEqual(['key.revoke', 'lead.update']);
    const second = await get(`?limit=2&after=${first.next}`);
    expect(actions(second)).toEqual(['key.create']);
    expect(second.next).toBeNull();

    for (const query of ['?after=nonsense', '?limit=0', '?from=yesterday']) {
      const bad = await s.call('GET', `/v1/audit${query}`);
      expect(bad.statusCode, query).toBe(400);
    }
    // Another workspace's key sees its own trail only; a write key none.
    expect((await get('', s.b.admin)).items).toEqual([]);
    expect((await s.call('GET', '/v1/audit', undefined, s.a.write)).statusCode).toBe(401);
  });

  it('is append-only through the API: no route changes or removes an entry', async () => {
    const s = await setup(await open());
    const routes = Object.keys(ACCESS_TABLE).filter((r) => r.includes('/audit'));
    expect(routes).toEqual(['GET /v1/audit']);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const)
      for (const url of ['/v1/audit', '/v1/audit/:id'])
        expect(s.app.hasRoute({ method, url }), `${method} ${url}`).toBe(false);
  });

  it('keeps entries for the retention period, in every workspace, and sweeps on start', async () => {
    const s = await setup(await openStore());
    const DAY = 86_400_000;
    const entry = (at: number) => ({
      at,
      actorKind: 'cli' as const,
      actorId: null,
      actorName: 'cli',
      ip: null,
      action: 'user.invite',
      target: 'user:ann@example.com',
      summary: { role: 'viewer' },
    });
    await s.store.appendAudit(s.a.ws, entry(T0 - 400 * DAY));
    await s.store.appendAudit(s.b.ws, entry(T0 - 366 * DAY));
    const kept = await s.store.appendAudit(s.a.ws, entry(T0 - 364 * DAY));
    const retention = new AuditRetention(s.store, { days: 365, clock: () => T0 });
    retention.start();
    await retention.stop();
    expect(await s.entries()).toEqual([kept]);
    expect(await s.entries(s.b.ws)).toEqual([]);
    expect(await pruneAudit(s.store, T0 + 2 * DAY, 365)).toBe(1);
    expect(DEFAULT_AUDIT_RETENTION_DAYS).toBe(365);
  });

  it('records a signed-in user as itself, whoever the body names as `by`', async () => {
    const s = await setup(await open());
    const user = await s.store.createUser({ email: mail(s, 'rep'), passwordHash: null, now: T0 });
    await s.store.setMembership(s.a.ws, user.id, 'owner', T0);
    const session = await startSession(s.store, {
      userId: user.id,
      now: T0,
      ip: null,
      userAgent: null,
    });
    const headers = {
      cookie: `leadscore_session=${session.token}`,
      'x-csrf-token': session.csrfToken,
    };
    await lead(s);
    const lost = await s.call(
      'POST',
      '/v1/leads/u1/outcome',
      { outcome: 'lost', reason: 'budget', by: 'someone@else.example' },
      headers,
    );
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json<{ moves: { by: string | null }[] }>().moves[0]?.by).toBe(mail(s, 'rep'));
    const [entry] = await s.entries();
    expect(entry).toMatchObject({
      actorKind: 'user',
      actorId: user.id,
      actorName: mail(s, 'rep'),
      action: 'lead.outcome',
      target: 'lead:u1',
      summary: { by: mail(s, 'rep') },
    });
    // A key names the person its automation acts for; without one, the key itself.
    await s.call('POST', '/v1/leads/u1/lifecycle/reset', { stage: 'sql', reason: 'r', by: 'ana' });
    const reset = await s.call('POST', '/v1/leads/u1/lifecycle/reset', {
      stage: 'lead',
      reason: 'r',
    });
    const moves = reset.json<{ moves: { by: string | null }[] }>().moves;
    expect(moves.slice(0, 2).map((m) => m.by)).toEqual([(await s.entries())[0]!.actorName, 'ana']);
  });
});

// Channels over the API on both stores: create, list, read, change and delete; bad settings as
// 400s naming the field; secrets never answered, audited or logged, and sealed at rest with
// LEADSCORE_SECRET_KEY; changes that merge over the stored settings; the test send; and the
// delivery log with redelivery.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { sealChannelSecrets } from '../src/service/channels/sealed-channel-secrets.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { secretBox } from '../src/service/secret-box.js';
import type { Store } from '../src/store/port.js';
import { freshStores, type SharedDatabase } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const SLACK_URL = 'https://hooks.slack.com/services/T0AAA/B0BBB/s3cr3tSlackToken';
const SMTP_PASSWORD = 'pa55-smtp-w0rd';
const WRITE_KEY = 'seg-write-key-0123';
const SECRETS = [SLACK_URL, 's3cr3tSlackToken', SMTP_PASSWORD, WRITE_KEY];
const KEY = 'k'.repeat(40);
const TOKEN = 'pathT0kenOfHook';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

async function keys(store: Store, name: string) {
  const made = await createWorkspaceWithKeys(store, name, NOW);
  return { ws: made.workspace.id, admin: { authorization: `Bearer ${made.admin.secret}` } };
}

/** An app over the store, with every answer and log line kept to look for secrets in. */
async function harness(store: Store, secretKey?: string) {
  const log: string[] = [];
  const answers: string[] = [];
  let wakes = 0;
  let now = NOW;
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => now++,
    webhooks: { wake: () => wakes++, options: { blockPrivateNetworks: false } },
    logging: { level: 'debug', stream: { write: (line) => void log.push(line) } },
    ...(secretKey ? { secrets: secretBox(secretKey) } : {}),
  });
  const a = await keys(store, 'a');
  const b = await keys(store, 'b');
  const as =
    (headers: Record<string, string>) =>
    async (method: Method, url: string, payload?: object): Promise<Answer> => {
      const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      answers.push(res.body);
      return { status: res.statusCode, body: res.json<Record<string, unknown>>(), text: res.body };
    };
  return {
    app,
    a,
    b,
    call: as(a.admin),
    callB: as(b.admin),
    log,
    answers,
    wakes: () => wakes,
  };
}

const fieldsOf = (answer: Answer) =>
  ((answer.body.error as { details?: { field: string }[] }).details ?? []).map((d) => d.field);

describe.each(freshStores())('channels API on $name', (kind) => {
  // One database for the file (each test works in workspaces of its own): fewer to drop.
  let database: Promise<SharedDatabase> | undefined;
  const shared = () => (database ??= kind.openShared());
  const open = async () => (await shared()).store;
  it('creates, lists, reads, changes and deletes channels; secrets by name only', async () => {
    const store = await open();
    const h = await harness(store);
    const made = await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Sales alerts',
      config: { webhookUrl: SLACK_URL, description: '#sales' },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toEqual({
      id: expect.any(String),
      kind: 'slack',
      name: 'Sales alerts',
      config: { description: '#sales' },
      secretsSet: ['webhookUrl'],
      sync: null,
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      pendingDeliveries: 0,
      failedDeliveries: 0,
      createdBy: expect.any(String),
      createdAt: '2026-06-01T12:00:00.000Z',
      updatedAt: '2026-06-01T12:00:00.000Z',
    });
    const id = String(made.body.id);
    const email = await h.call('POST', '/v1/channels', {
      kind: 'email',
      name: 'Mail',
      config: { host: 'smtp.example.com', from: 'Leads <leads@example.com>', user: 'leads' },
      secrets: { password: SMTP_PASSWORD },
    });
    expect(email.status, email.text).toBe(201);
    // Defaults filled in; the password set, not shown.
    expect(email.body).toMatchObject({
      config: { host: 'smtp.example.com', port: 587, secure: false, requireTls: false },
      secretsSet: ['password'],
    });

    const list = await h.call('GET', '/v1/channels');
    expect((list.body.items as { id: string }[]).map((c) => c.id)).toEqual([id, email.body.id]);
    expect((await h.call('GET', `/v1/channels/${id}`)).body).toEqual(made.body);
    // Another workspace sees none of them.
    expect((await h.callB('GET', '/v1/channels')).body).toEqual({ items: [] });
    expect((await h.callB('GET', `/v1/channels/${id}`)).status).toBe(404);
    expect((await h.callB('DELETE', `/v1/channels/${id}`)).status).toBe(404);

    const renamed = await h.call('PATCH', `/v1/channels/${id}`, { name: 'Alerts' });
    expect(renamed.body).toMatchObject({ name: 'Alerts', secretsSet: ['webhookUrl'] });
    const off = await h.call('PATCH', `/v1/channels/${id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, disabledReason: 'disabled over the API' });
    expect(h.wakes()).toBe(0);
    const on = await h.call('PATCH', `/v1/channels/${id}`, { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null });
    expect(h.wakes()).toBe(1);

    expect((await h.call('DELETE', `/v1/channels/${id}`)).body).toEqual({ id, deleted: true });
    expect((await h.call('GET', `/v1/channels/${id}`)).status).toBe(404);
    expect((await h.call('DELETE', `/v1/channels/${id}`)).status).toBe(404);
    expect((await h.call('PATCH', `/v1/channels/${id}`, { name: 'x' })).status).toBe(404);
  });

  it('refuses bad settings with a 400 naming the field, and a taken name with a 409', async () => {
    const store = await open();
    const h = await harness(store);
    const cases: [object, string][] = [
      [{ kind: 'pager', name: 'x', config: {} }, 'body.kind'],
      [{ kind: 'slack', name: '', config: { webhookUrl: SLACK_URL } }, 'body.name'],
      [{ kind: 'email', name: 'x', config: { from: 'a@example.com' } }, 'config.host'],
      [{ kind: 'email', name: 'x', config: { host: 'h', from: 'f', port: 'smtp' } }, 'config.port'],
      [{ kind: 'email', name: 'x', config: { host: 'h', from: 'f', colour: 1 } }, 'config.colour'],
      [
        { kind: 'slack', name: 'x', config: { webhookUrl: 'ftp://example.com' } },
        'config.webhookUrl',
      ],
      [{ kind: 'slack', name: 'x', config: {} }, 'config.webhookUrl'],
      [{ kind: 'slack', name: 'x', secrets: { webhookUrl: 'nope' } }, 'secrets.webhookUrl'],
      [{ kind: 'slack', name: 'x', config: { webhookUrl: SLACK_URL }, sync: {} }, 'sync'],
      [
        { kind: 'segment', name: 'x', config: { writeKey: WRITE_KEY }, sync: { precision: 9 } },
        'sync.precision',
      ],
      [
        {
          kind: 'segment',
          name: 'x',
          config: { writeKey: WRITE_KEY },
          sync: { fields: { score: '1 bad' } },
        },
        'sync.fields.score',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', '/v1/channels', body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(400);
      expect(fieldsOf(res), JSON.stringify(body)).toContain(field);
      expect(String((res.body.error as { message: string }).message)).toContain(field);
    }
    // Every field at fault at once.
    const both = await h.call('POST', '/v1/channels', {
      kind: 'email',
      name: 'x',
      config: { port: 0 },
    });
    expect(fieldsOf(both)).toEqual(
      expect.arrayContaining(['config.host', 'config.port', 'config.from']),
    );

    const first = await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Alerts',
      config: { webhookUrl: SLACK_URL },
    });
    const again = await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Alerts',
      config: { webhookUrl: SLACK_URL },
    });
    expect(again.status).toBe(409);
    // The same name in another workspace is no conflict.
    expect(
      (
        await h.callB('POST', '/v1/channels', {
          kind: 'slack',
          name: 'Alerts',
          config: { webhookUrl: SLACK_URL },
        })
      ).status,
    ).toBe(201);
    const other = await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Other',
      config: { webhookUrl: SLACK_URL },
    });
    expect(
      (await h.call('PATCH', `/v1/channels/${other.body.id}`, { name: 'Alerts' })).status,
    ).toBe(409);
    const id = String(first.body.id);
    for (const [body, field] of [
      [{}, 'body'],
      [{ kind: 'email' }, 'body'],
      [{ config: { webhookUrl: null } }, 'config.webhookUrl'],
      [{ sync: {} }, 'sync'],
      [{ enabled: 'yes' }, 'body.enabled'],
    ] as [object, string][]) {
      const res = await h.call('PATCH', `/v1/channels/${id}`, body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(400);
      expect(String((res.body.error as { message: string }).message)).toContain(field);
    }
    // Nothing refused changed the channel.
    expect((await h.call('GET', `/v1/channels/${id}`)).body).toMatchObject({
      name: 'Alerts',
      secretsSet: ['webhookUrl'],
    });
  });

  it('refuses URLs that reach the server’s own networks, unless the guard is off', async () => {
    const store = await open();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    const { admin } = await keys(store, 'guarded');
    for (const [payload, field] of [
      [
        { kind: 'slack', name: 'a', config: { webhookUrl: `http://127.0.0.1:9/x/${TOKEN}` } },
        'config.webhookUrl',
      ],
      [
        { kind: 'slack', name: 'b', secrets: { webhookUrl: `http://10.0.0.1/x/${TOKEN}` } },
        'secrets.webhookUrl',
      ],
      [
        {
          kind: 'hubspot',
          name: 'c',
          config: { baseUrl: 'http://localhost:8080', accessToken: 't' },
        },
        'config.baseUrl',
      ],
    ] as [object, string][]) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/channels',
        headers: admin,
        payload,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(
        new RegExp(`^${field.replace('.', '\\.')}: refused: `),
      );
      // By its host: the path of a Slack URL is its secret.
      expect(res.body).not.toContain(TOKEN);
    }
    expect(
      (await app.inject({ method: 'GET', url: '/v1/channels', headers: admin })).json(),
    ).toEqual({
      items: [],
    });
  });

  it('merges changes: a secret left out is kept, null clears an optional one', async () => {
    const db = await shared();
    const h = await harness(db.store);
    const made = await h.call('POST', '/v1/channels', {
      kind: 'email',
      name: 'Mail',
      config: { host: 'smtp.example.com', from: 'leads@example.com', password: SMTP_PASSWORD },
    });
    const id = String(made.body.id);
    const secretsOf = async () =>
      JSON.parse(
        String((await db.query(`SELECT secrets FROM channels WHERE id = '${id}'`))[0]!.secrets),
      ) as Record<string, unknown>;
    const moved = await h.call('PATCH', `/v1/channels/${id}`, {
      config: { port: 2525, replyTo: 'sales@example.com' },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      config: { host: 'smtp.example.com', port: 2525, replyTo: 'sales@example.com' },
      secretsSet: ['password'],
    });
    expect(await secretsOf()).toEqual({ password: SMTP_PASSWORD });
    const cleared = await h.call('PATCH', `/v1/channels/${id}`, {
      config: { password: null, replyTo: null },
    });
    expect(cleared.body).toMatchObject({ secretsSet: [] });
    expect(cleared.body.config).not.toHaveProperty('replyTo');
    expect((await db.query(`SELECT secrets FROM channels WHERE id = '${id}'`))[0]!.secrets).toBe(
      '',
    );

    // Write-back: on with its defaults, then off.
    const seg = await h.call('POST', '/v1/channels', {
      kind: 'segment',
      name: 'CDP',
      config: { host: 'http://127.0.0.1:9' },
      secrets: { writeKey: WRITE_KEY },
      sync: { precision: 1 },
    });
    expect(seg.status, seg.text).toBe(201);
    expect(seg.body.sync).toEqual({
      precision: 1,
      fields: {
        score: 'leadscore_score',
        grade: 'leadscore_grade',
        segment: 'leadscore_segment',
        stage: 'leadscore_stage',
        owner: 'leadscore_owner',
      },
    });
    const unsynced = await h.call('PATCH', `/v1/channels/${seg.body.id}`, { sync: null });
    expect(unsynced.body).toMatchObject({ sync: null, secretsSet: ['writeKey'] });
  });

  it('never answers, audits or logs a secret, and seals them at rest with the key', async () => {
    const db = await shared();
    const h = await harness(db.store, KEY);
    const slack = await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Alerts',
      config: { webhookUrl: SLACK_URL },
    });
    const email = await h.call('POST', '/v1/channels', {
      kind: 'email',
      name: 'Mail',
      config: { host: 'smtp.example.com', from: 'leads@example.com', password: SMTP_PASSWORD },
    });
    const segment = await h.call('POST', '/v1/channels', {
      kind: 'segment',
      name: 'CDP',
      config: { writeKey: WRITE_KEY },
    });
    await h.call('PATCH', `/v1/channels/${slack.body.id}`, { config: { webhookUrl: SLACK_URL } });
    await h.call('PATCH', `/v1/channels/${email.body.id}`, {
      secrets: { password: SMTP_PASSWORD },
    });
    await h.call('POST', `/v1/channels/${slack.body.id}/test`, {});
    // A refused one too: the value at fault is not quoted back.
    await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Bad',
      config: { webhookUrl: SLACK_URL, extra: SLACK_URL },
    });
    await h.call('GET', '/v1/channels');
    await h.call('GET', `/v1/channels/${email.body.id}`);

    const audit = JSON.stringify(await db.store.listAudit(h.a.ws, { filter: {}, limit: 100 }));
    expect(audit).toContain('channel.create');
    for (const secret of SECRETS) {
      for (const answer of h.answers) expect(answer).not.toContain(secret);
      expect(audit).not.toContain(secret);
      for (const line of h.log) expect(line).not.toContain(secret);
    }
    expect(h.log.length).toBeGreaterThan(0);

    const ids = [slack, email, segment].map((c) => `'${String(c.body.id)}'`).join(', ');
    const rows = await db.query(`SELECT name, config, secrets FROM channels WHERE id IN (${ids})`);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(String(row.secrets)).toMatch(/^enc:v1:/);
      for (const secret of SECRETS) expect(JSON.stringify(row)).not.toContain(secret);
    }
    // The server opens them again (a change keeps them; secretsSet lists them).
    expect((await h.call('GET', `/v1/channels/${email.body.id}`)).body.secretsSet).toEqual([
      'password',
    ]);
  });

  it('seals secrets stored in clear once a key is set, and refuses another key', async () => {
    const db = await shared();
    const h = await harness(db.store);
    const made = await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Alerts',
      config: { webhookUrl: SLACK_URL },
    });
    const id = String(made.body.id);
    const stored = async () =>
      String((await db.query(`SELECT secrets FROM channels WHERE id = '${id}'`))[0]!.secrets);
    expect(JSON.parse(await stored())).toEqual({ webhookUrl: SLACK_URL });
    const before = await db.store.getChannel(h.a.ws, id);
    expect(await sealChannelSecrets(db.store, secretBox(KEY))).toBeGreaterThanOrEqual(1);
    expect(await stored()).toMatch(/^enc:v1:/);
    expect(await db.store.getChannel(h.a.ws, id)).toMatchObject({
      updatedAt: before!.updatedAt,
    });
    // Sealed already: nothing more to do; the key opens them.
    const withKey = await harness(db.store, KEY);
    expect(withKey.app).toBeDefined();
    const opened = await withKey.app.inject({
      method: 'GET',
      url: `/v1/channels/${id}`,
      headers: h.a.admin,
    });
    expect(opened.json<{ secretsSet: string[] }>().secretsSet).toEqual(['webhookUrl']);
    await expect(sealChannelSecrets(db.store, secretBox('x'.repeat(40)))).rejects.toThrow(
      /not the key they were encrypted with \(channel /,
    );
    await expect(sealChannelSecrets(db.store, secretBox(undefined))).rejects.toThrow(
      /LEADSCORE_SECRET_KEY is not set \(channel /,
    );
    // Other tests share the database: none left sealed with this test's key.
    await db.store.deleteChannel(h.a.ws, id);
  });

  it('shows a channel’s deliveries and sends them again on request', async () => {
    const store = await open();
    const h = await harness(store);
    const made = await h.call('POST', '/v1/channels', {
      kind: 'slack',
      name: 'Alerts',
      config: { webhookUrl: SLACK_URL },
    });
    const id = String(made.body.id);
    await store.transaction((tx) =>
      tx.enqueueNotifications(h.a.ws, [
        { type: 'channel.slack', channelId: id, leadId: 'u1', data: { n: 1 }, at: NOW },
        { type: 'channel.slack', channelId: id, leadId: 'u2', data: { n: 2 }, at: NOW + 1 },
      ]),
    );
    const page = await h.call('GET', `/v1/channels/${id}/deliveries?limit=1`);
    expect(page.status, page.text).toBe(200);
    const items = page.body.items as { id: string; status: string; leadId: string }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'pending', leadId: 'u2', type: 'channel.slack' });
    const rest = await h.call(
      'GET',
      `/v1/channels/${id}/deliveries?cursor=${encodeURIComponent(String(page.body.next))}`,
    );
    expect((rest.body.items as { leadId: string }[]).map((d) => d.leadId)).toEqual(['u1']);
    expect((await h.call('GET', `/v1/channels/${id}/deliveries?status=failed`)).body.items).toEqual(
      [],
    );
    expect((await h.call('GET', `/v1/channels/${id}/deliveries?status=sent`)).status).toBe(400);
    expect((await h.call('GET', `/v1/channels/${id}/deliveries?cursor=zz`)).status).toBe(400);
    expect((await h.call('GET', `/v1/channels/${id}`)).body.pendingDeliveries).toBe(2);

    const one = await h.call('GET', `/v1/channels/${id}/deliveries/${items[0]!.id}`);
    expect(one.body).toMatchObject({ data: { n: 2 }, attempts: [] });
    expect((await h.call('GET', `/v1/channels/${id}/deliveries/nope`)).status).toBe(404);
    expect((await h.callB('GET', `/v1/channels/${id}/deliveries`)).status).toBe(404);
    // Still pending: nothing to send again.
    const pending = await h.call('POST', `/v1/channels/${id}/deliveries/${items[0]!.id}/redeliver`);
    expect(pending.status).toBe(409);
    expect((await h.call('POST', `/v1/channels/${id}/deliveries/nope/redeliver`)).status).toBe(404);
    const failed = await h.call('POST', `/v1/channels/${id}/redeliver-failed`);
    expect(failed).toMatchObject({ status: 202, body: { redelivered: 0 } });
    expect((await h.call('POST', '/v1/channels/nope/redeliver-failed')).status).toBe(404);

    // Deleted with its deliveries.
    await h.call('DELETE', `/v1/channels/${id}`);
    expect((await h.call('GET', `/v1/channels/${id}/deliveries`)).status).toBe(404);
  });
});

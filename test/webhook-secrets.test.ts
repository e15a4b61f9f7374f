// Webhook signing secrets at rest, on both stores: with LEADSCORE_SECRET_KEY the stored column
// (read with SQL, as anyone with the database would) holds no secret, the API answers it once
// only, and deliveries still verify with the standardwebhooks library; plaintext secrets of an
// older database are sealed at start, and a missing or wrong key stops the start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { startServer } from '../src/api/server.js';
import { readConfig } from '../src/config.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { secretBox, SecretKeyError } from '../src/service/secret-box.js';
import { sealStoredSecrets } from '../src/service/webhooks/stored-secrets.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { freshStores } from './fresh-stores.js';
import { LOCAL_RECEIVERS, Receiver } from './webhook-receiver.js';

const KEY = 'webhook-secrets-test-key-0123456789abcdef';
const GIVEN = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** The key material of a secret: what must not be readable from the database. */
const material = (secret: string) => secret.slice('whsec_'.length);

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.down()));
  receivers = [];
});

describe.each(freshStores())('webhook secrets at rest on $name', ({ openShared }) => {
  it('stores secrets encrypted, answers them once, and signs deliveries that verify', async () => {
    const db = await openShared();
    const secrets = secretBox(KEY);
    const app = await buildApp({
      store: db.store,
      models: new ActiveModels(),
      clock: () => Date.now(),
      webhooks: { wake: () => {}, options: LOCAL_RECEIVERS },
      secrets,
    });
    const made = await createWorkspaceWithKeys(db.store, 'w', Date.now());
    const ws = made.workspace.id;
    const headers = { authorization: `Bearer ${made.admin.secret}` };
    const receiver = await Receiver.reserve();
    receivers.push(receiver);
    await receiver.up('ok');
    const subscribe = (url: string, secret?: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers,
        payload: { url, eventTypes: ['lead.qualified'], ...(secret ? { secret } : {}) },
      });
    const given = await subscribe(receiver.url('/given', GIVEN), GIVEN);
    expect(given.json()).toMatchObject({ secret: GIVEN });
    const generated = await subscribe(`http://127.0.0.1:${receiver.port}/generated`);
    const made2 = generated.json<{ id: string; secret: string }>();
    expect(made2.secret).toMatch(/^whsec_/);
    receiver.url('/generated', made2.secret);

    // Read straight from the database: sealed values, no trace of either secret.
    const rows = await db.query('SELECT secret FROM webhook_subscriptions');
    expect(rows).toHaveLength(2);
    for (const { secret } of rows) {
      expect(String(secret)).toMatch(/^enc:v1:/);
      expect(String(secret)).not.toContain(material(GIVEN));
      expect(String(secret)).not.toContain(material(made2.secret));
    }
    // No other answer carries a secret.
    for (const url of ['/v1/webhooks', `/v1/webhooks/${made2.id}`]) {
      const body = (await app.inject({ method: 'GET', url, headers })).body;
      expect(body).not.toContain(material(GIVEN));
      expect(body).not.toContain(material(made2.secret));
      expect(body).not.toMatch(/secret|enc:v1/);
    }

    await db.store.transaction((tx) =>
      tx.enqueueNotifications(ws, [
        { type: 'lead.qualified', leadId: 'u1', data: { segment: 'mql' }, at: Date.now() },
      ]),
    );
    // A worker without the key sends nothing: the attempt fails, saying why (retried at once).
    const keyless = new WebhookWorker(
      { store: db.store, clock: () => Date.now(), random: () => 0 },
      LOCAL_RECEIVERS,
    );
    expect(await keyless.runOnce()).toBe(2);
    const [delivery] = (await db.store.listWebhookDeliveries(ws, made2.id, { limit: 1 })).items;
    expect(delivery?.lastError).toBe(
      'not sent: webhook signing secrets are encrypted at rest, but LEADSCORE_SECRET_KEY is not set',
    );
    expect(receiver.received).toEqual([]);
    // A second server on the same database, with the same key, opens what the first sealed.
    const worker = new WebhookWorker(
      { store: db.another(), clock: () => Date.now(), random: Math.random, secrets },
      LOCAL_RECEIVERS,
    );
    expect(await worker.runOnce()).toBe(2);
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/generated', '/given']);
    await app.close();
  });

  it('seals the plaintext secrets of an older database, and refuses a missing or wrong key', async () => {
    const db = await openShared();
    const ws = (await db.store.createWorkspace('w', 1)).id;
    const old = await db.store.createWebhook(
      ws,
      { url: 'https://example.com/h', eventTypes: ['lead.qualified'], secret: GIVEN },
      1,
    );
    // Without a key the plaintext stays as it is.
    expect(await sealStoredSecrets(db.store, secretBox(undefined))).toBe(0);
    expect(await sealStoredSecrets(db.store, secretBox(KEY))).toBe(1);
    const [row] = await db.query('SELECT secret, updated_at FROM webhook_subscriptions');
    expect(String(row?.secret)).toMatch(/^enc:v1:/);
    expect(Number(row?.updated_at)).toBe(old.updatedAt);
    const stored = (await db.store.getWebhook(ws, old.id))?.secret ?? '';
    expect(secretBox(KEY).open(stored)).toBe(GIVEN);
    // Once sealed, a second start with the key has nothing to do.
    expect(await sealStoredSecrets(db.store, secretBox(KEY))).toBe(0);

    await expect(sealStoredSecrets(db.store, secretBox(`${KEY}-another`))).rejects.toThrow(
      new SecretKeyError(
        `LEADSCORE_SECRET_KEY does not decrypt the stored webhook signing secrets: it is not the key they were encrypted with (webhook ${old.id})`,
      ),
    );
    await expect(sealStoredSecrets(db.store, secretBox(undefined))).rejects.toThrow(
      /encrypted at rest, but LEADSCORE_SECRET_KEY is not set/,
    );
  });
});

describe('leadscore serve and LEADSCORE_SECRET_KEY', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const serve = (db: string, env: Record<string, string>, log: string[]) =>
    startServer(readConfig(env), {
      port: 0,
      host: '127.0.0.1',
      db,
      demo: false,
      log: (line) => log.push(line),
    });

  it('warns without the key, encrypts with it, and will not start with another', async () => {
    const db = join(dir, 'serve.db');
    const log: string[] = [];
    const first = await serve(db, {}, log);
    expect(log).toContain(
      'warning: LEADSCORE_SECRET_KEY is not set, so webhook signing secrets and channel secrets are stored in clear',
    );
    await first.close();
    const store = openSqliteStore({ file: db });
    const ws = (await store.listWorkspaces())[0]!.id;
    await store.createWebhook(
      ws,
      { url: 'https://example.com/h', eventTypes: ['lead.qualified'], secret: GIVEN },
      1,
    );
    await store.close();

    const keyed: string[] = [];
    const second = await serve(db, { LEADSCORE_SECRET_KEY: KEY }, keyed);
    expect(keyed).toContain('webhooks: 1 signing secrets encrypted at rest');
    expect(keyed.join('\n')).not.toContain('warning: LEADSCORE_SECRET_KEY');
    expect(keyed.join('\n')).not.toContain(material(GIVEN));
    await second.close();

    await expect(serve(db, { LEADSCORE_SECRET_KEY: `${KEY}-another` }, [])).rejects.toThrow(
      /LEADSCORE_SECRET_KEY does not decrypt the stored webhook signing secrets/,
    );
    await expect(serve(db, {}, [])).rejects.toThrow(
      /encrypted at rest, but LEADSCORE_SECRET_KEY is not set/,
    );
  });
});

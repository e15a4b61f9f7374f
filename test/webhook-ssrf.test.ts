// The SSRF guard is on by default: the webhooks API refuses a URL reaching the server's own
// networks, saying which field and why, unless private networks are allowed explicitly (a
// development machine); public addresses are taken.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import type { AppDeps } from '../src/api/deps.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

async function appWith(store: Store, webhooks: AppDeps['webhooks']) {
  const app = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => NOW,
    ...(webhooks ? { webhooks } : {}),
  });
  const { admin } = await createWorkspaceWithKeys(store, 'w', NOW);
  const headers = { authorization: `Bearer ${admin.secret}` };
  return {
    app,
    headers,
    create: (url: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers,
        payload: { url, eventTypes: ['lead.qualified'] },
      }),
  };
}

describe.each(freshStores().slice(0, 1))('webhook URLs and the SSRF guard on $name', ({ open }) => {
  it.each<[string, (store: Store) => AppDeps['webhooks']]>([
    ['no worker', () => undefined],
    [
      'a worker with its default options',
      (store) => new WebhookWorker({ store, clock: () => NOW, random: Math.random }),
    ],
    [
      'the guard on explicitly',
      () => ({ wake: () => {}, options: { blockPrivateNetworks: true } }),
    ],
  ])('refuses private destinations on create and update by default (%s)', async (_, webhooks) => {
    const store = await open();
    const { app, headers, create } = await appWith(store, webhooks(store));
    const refused = await create('http://169.254.169.254/latest/meta-data');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: { code: 'invalid_request', details: { field: 'body.url' } },
    });
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /private .*LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1/,
    );
    const taken = await create('https://93.184.216.34/hooks/leadscore');
    expect(taken.statusCode).toBe(201);
    const { id } = taken.json<{ id: string }>();
    const moved = await app.inject({
      method: 'PATCH',
      url: `/v1/webhooks/${id}`,
      headers,
      payload: { url: 'http://127.0.0.1:8080/internal' },
    });
    expect(moved.statusCode).toBe(400);
  });

  it('takes private destinations once they are allowed', async () => {
    const store = await open();
    const { create } = await appWith(store, {
      wake: () => {},
      options: { blockPrivateNetworks: false },
    });
    expect((await create('http://127.0.0.1:8080/internal')).statusCode).toBe(201);
  });
});

// With the SSRF guard on, the webhooks API refuses a URL reaching the server's own networks,
// saying which field and why; public addresses are taken.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

describe.each(freshStores().slice(0, 1))(
  'webhook URLs with the SSRF guard on $name',
  ({ open }) => {
    it('refuses private and loopback destinations on create and update', async () => {
      const store = await open();
      const app = await buildApp({
        store,
        models: new ActiveModels(),
        clock: () => NOW,
        webhooks: { wake: () => {}, options: { blockPrivateNetworks: true } },
      });
      const { admin } = await createWorkspaceWithKeys(store, 'w', NOW);
      const headers = { authorization: `Bearer ${admin.secret}` };
      const create = (url: string) =>
        app.inject({
          method: 'POST',
          url: '/v1/webhooks',
          headers,
          payload: { url, eventTypes: ['lead.qualified'] },
        });
      const refused = await create('http://169.254.169.254/latest/meta-data');
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        error: { code: 'invalid_request', details: { field: 'body.url' } },
      });
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/private/);
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
  },
);

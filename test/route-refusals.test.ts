// What the management routes answer for ids a workspace does not have, on both stores: each
// refusal's exact code, words and status, so moving a route's reads into a service keeps them.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';

describe.each(freshStores())('refusals of unknown ids on $name', ({ open }) => {
  it('answers not_found in the words of the route, without details', async () => {
    const store = await open();
    const app = await buildApp({
      store,
      models: new ActiveModels(),
      clock: () => Date.parse('2026-06-01T12:00:00Z'),
      webhooks: { wake: () => undefined, options: { blockPrivateNetworks: false } },
    });
    const made = await createWorkspaceWithKeys(store, 'a', Date.parse('2026-06-01T12:00:00Z'));
    const headers = { authorization: `Bearer ${made.admin.secret}` };
    const call = async (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      body?: object,
    ) => {
      const res = await app.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
      const { error } = res.json<{ error: Record<string, unknown> }>();
      return {
        status: res.statusCode,
        code: error.code,
        message: error.message,
        details: error.details,
      };
    };
    const notFound = (message: string) => ({
      status: 404,
      code: 'not_found',
      message,
      details: undefined,
    });

    expect(await call('GET', '/v1/jobs/nope')).toEqual(notFound('no job "nope"'));
    expect(await call('GET', '/v1/models/9')).toEqual(notFound('no model version 9'));
    expect(await call('DELETE', '/v1/keys/nope')).toEqual(notFound('no key "nope"'));
    expect(await call('GET', '/v1/predictive/models/3')).toEqual(notFound('no predictive model 3'));
    expect(await call('POST', '/v1/predictive/models/3/activate')).toEqual(
      notFound('no predictive model 3'),
    );

    const noWebhook = notFound('no webhook "nope"');
    expect(await call('GET', '/v1/webhooks/nope')).toEqual(noWebhook);
    expect(await call('PATCH', '/v1/webhooks/nope', { enabled: false })).toEqual(noWebhook);
    expect(await call('DELETE', '/v1/webhooks/nope')).toEqual(noWebhook);
    expect(await call('GET', '/v1/webhooks/nope/deliveries')).toEqual(noWebhook);
    expect(await call('POST', '/v1/webhooks/nope/redeliver-failed')).toEqual(noWebhook);

    const webhook = await app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers,
      payload: { url: 'https://example.com/hooks', eventTypes: ['lead.qualified'] },
    });
    const { id } = webhook.json<{ id: string }>();
    const noDelivery = notFound(`no delivery "gone" of webhook "${id}"`);
    expect(await call('GET', `/v1/webhooks/${id}/deliveries/gone`)).toEqual(noDelivery);
    expect(await call('POST', `/v1/webhooks/${id}/deliveries/gone/redeliver`)).toEqual(noDelivery);
    const badCursor = await call('GET', `/v1/webhooks/${id}/deliveries?cursor=zz`);
    expect(badCursor).toMatchObject({ status: 400, code: 'invalid_request', details: undefined });
    expect(badCursor.message).toMatch(/^querystring\.cursor: /);
  });
});

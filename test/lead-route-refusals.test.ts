// What the lead, lifecycle, suppression and feed routes answer for ids a workspace does not have,
// bad cursors and refused moves, on both stores: each refusal's exact code, words, status and
// details, so moving a route's store calls into a service keeps them.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');

describe.each(freshStores())('lead route refusals on $name', ({ open }) => {
  it('answers in the words of the route, with details only for a refused move', async () => {
    const store = await open();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => T0 });
    const made = await createWorkspaceWithKeys(store, 'a', T0);
    const headers = { authorization: `Bearer ${made.admin.secret}` };
    const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, body?: object) => {
      const res = await app.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
      const { error } = res.json<{ error: Record<string, unknown> }>();
      return {
        status: res.statusCode,
        code: error.code,
        message: error.message,
        details: error.details,
      };
    };
    const refusal = (status: number, code: string, message: string) => ({
      status,
      code,
      message,
      details: undefined,
    });
    const noLead = refusal(404, 'not_found', 'no lead "nope"');

    expect(await call('GET', '/v1/leads/nope')).toEqual(noLead);
    expect(await call('GET', '/v1/leads/nope/history')).toEqual(noLead);
    expect(await call('GET', '/v1/leads/nope/events')).toEqual(noLead);
    expect(await call('GET', '/v1/leads/nope/lifecycle')).toEqual(noLead);
    expect(await call('POST', '/v1/leads/nope/feedback', { decision: 'accepted' })).toEqual(noLead);
    expect(await call('POST', '/v1/leads/nope/outcome', { outcome: 'lost', reason: 'r' })).toEqual(
      noLead,
    );
    expect(await call('POST', '/v1/leads/nope/lifecycle', { stage: 'sql' })).toEqual(noLead);
    expect(
      await call('POST', '/v1/leads/nope/lifecycle/reset', { stage: 'lead', reason: 'r' }),
    ).toEqual(noLead);
    expect(await call('DELETE', '/v1/suppressions/nope')).toEqual(
      refusal(404, 'not_found', 'no suppression "nope"'),
    );

    const badCursor = (field: string) =>
      refusal(400, 'invalid_request', `querystring.${field}: not a cursor from this list`);
    expect(await call('GET', '/v1/leads/nope/events?before=zz')).toEqual(badCursor('before'));
    expect(await call('GET', '/v1/transitions?before=zz')).toEqual(badCursor('before'));
    expect(await call('GET', '/v1/suppressions?cursor=zz')).toEqual(badCursor('cursor'));

    await store.upsertLead(made.workspace.id, 'u1', {}, T0);
    expect(await call('POST', '/v1/leads/u1/feedback', { decision: 'accepted' })).toEqual({
      status: 409,
      code: 'conflict',
      message: expect.stringMatching(/^cannot move the lead from "subscriber" to "sal": /),
      details: { from: 'subscriber', to: 'sal' },
    });
    // The refused move recorded nothing.
    const lifecycle = await app.inject({ method: 'GET', url: '/v1/leads/u1/lifecycle', headers });
    expect(lifecycle.json()).toMatchObject({ stage: 'subscriber', moves: [] });
  });
});

// The daily digest's settings over the API on both stores: the defaults while unset (the hour
// from LEADSCORE_DIGEST_HOUR, every e-mail channel), a change audited, and bad input answered
// with a 400 that names the field and index.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { addChannel } from './digest-fixture.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

function client(app: FastifyInstance, headers: Record<string, string>) {
  return async (method: 'GET' | 'PUT', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
}

describe.each(freshStores())('digest settings API on $name', ({ open }) => {
  it('answers the defaults, stores a change with an audit entry, refuses bad input', async () => {
    const store = await open();
    const app = await buildApp({
      store,
      models: new ActiveModels(),
      clock: () => NOW,
      digestHour: 7,
    });
    const made = await createWorkspaceWithKeys(store, 'a', NOW);
    const ws = made.workspace.id;
    const call = client(app, { authorization: `Bearer ${made.admin.secret}` });
    const mail = await addChannel(store, ws, 'email', 'mail');
    const slack = await addChannel(store, ws, 'slack', 'team');
    const crm = await addChannel(store, ws, 'hubspot', 'crm');

    expect(await call('GET', '/v1/digest')).toEqual({
      status: 200,
      body: { channelIds: [mail.id], hour: 7, timeZone: 'UTC', waitingHours: 24, updatedAt: null },
    });

    const settings = {
      channelIds: [mail.id, slack.id],
      hour: 8,
      timeZone: 'america/new_york',
      waitingHours: 48,
    };
    const put = await call('PUT', '/v1/digest', settings);
    expect(put).toEqual({
      status: 200,
      body: {
        ...settings,
        timeZone: 'America/New_York',
        updatedAt: new Date(NOW).toISOString(),
      },
    });
    expect((await call('GET', '/v1/digest')).body).toEqual(put.body);
    const audit = await store.listAudit(ws, { filter: { action: 'digest.update' }, limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ hour: 8, timeZone: 'America/New_York' });

    const refused = async (body: object, field: string) => {
      const res = await call('PUT', '/v1/digest', { ...settings, ...body });
      expect(res.status).toBe(400);
      const { message } = res.body.error as { message: string };
      expect(message.slice(0, field.length)).toBe(field);
      return message;
    };
    expect(await refused({ timeZone: 'Mars/Olympus' }, 'body.timeZone')).toContain('IANA');
    expect(await refused({ channelIds: [mail.id, 'nope'] }, 'body.channelIds[1]')).toContain(
      'no channel "nope"',
    );
    expect(await refused({ channelIds: [crm.id] }, 'body.channelIds[0]')).toContain('hubspot');
    await refused({ hour: 24 }, 'body.hour');
    await refused({ waitingHours: 0 }, 'body.waitingHours');
    await refused({ extra: 1 }, 'body');
    // Nothing refused was stored; off is a setting like any other.
    expect((await call('GET', '/v1/digest')).body).toEqual(put.body);
    expect((await call('PUT', '/v1/digest', { ...settings, hour: null })).body.hour).toBeNull();

    // Another workspace has its own (default) settings.
    const other = await createWorkspaceWithKeys(store, 'b', NOW);
    const theirs = client(app, { authorization: `Bearer ${other.admin.secret}` });
    expect((await theirs('GET', '/v1/digest')).body).toMatchObject({ channelIds: [], hour: 7 });
    await app.close();
  });
});

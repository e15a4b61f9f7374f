// The dashboard's channel forms against the server's schemas: the same fields per kind, the same
// secret ones, and bodies the server takes.
import { describe, expect, it } from 'vitest';
import { KIND_SETTINGS } from '../../../src/service/channels/kind-settings';
import { channelSettings } from '../../../src/service/channels/channel-settings';
import { CHANNEL_KINDS } from '../../../src/store/channel-records';
import { CHANNEL_KIND_FORMS, configOf, valuesOf } from './channel-kinds';
import type { Channel } from '../api/types';

const keysOf = (schema: unknown) => Object.keys((schema as { shape: object }).shape).sort();

describe('channel forms', () => {
  it.each(CHANNEL_KINDS)('ask for every field of %s, its secrets as secrets', (kind) => {
    const fields = CHANNEL_KIND_FORMS[kind].fields;
    const secrets = fields
      .filter((f) => f.secret)
      .map((f) => f.name)
      .sort();
    const rest = fields
      .filter((f) => !f.secret)
      .map((f) => f.name)
      .sort();
    expect(secrets).toEqual(keysOf(KIND_SETTINGS[kind].secrets));
    expect(rest).toEqual(keysOf(KIND_SETTINGS[kind].config));
    expect(CHANNEL_KIND_FORMS[kind].syncs).toBe(KIND_SETTINGS[kind].syncs);
  });

  it('makes a body the server takes, and keeps secrets when editing', () => {
    const values = {
      host: ' smtp.example.com ',
      port: '2525',
      from: 'a@example.com',
      password: 'pw',
    };
    const created = configOf('email', values, false);
    expect(created).toEqual({
      host: 'smtp.example.com',
      port: 2525,
      from: 'a@example.com',
      password: 'pw',
      secure: false,
      requireTls: false,
    });
    expect(() => channelSettings('email', { config: created })).not.toThrow();
    const edited = configOf('email', { ...values, password: '', user: '' }, true);
    expect(edited).not.toHaveProperty('password');
    expect(edited).toMatchObject({ user: null, replyTo: null, port: 2525 });
  });

  it('fills a stored channel into the form, secrets left empty', () => {
    const channel = {
      kind: 'email',
      config: { host: 'h', port: 587, secure: true, from: 'f' },
    } as unknown as Channel;
    expect(valuesOf(channel)).toEqual({ host: 'h', port: '587', secure: true, from: 'f' });
  });
});

// The payload and its signature: what the standardwebhooks library verifies, byte for byte.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { payloadOf, signatureHeaders } from './payload.js';
import { generateSecret, secretProblem } from './secret.js';

const AT = Date.parse('2026-06-01T12:00:00.000Z');

describe('webhook payloads', () => {
  it('carries type, ISO timestamp and data, with the lead id added when the data lacks it', () => {
    const body = payloadOf({
      type: 'lead.segment_changed',
      leadId: 'u1',
      data: { from: 'nurture', to: 'mql' },
      at: AT,
    });
    expect(JSON.parse(body)).toEqual({
      type: 'lead.segment_changed',
      timestamp: '2026-06-01T12:00:00.000Z',
      data: { leadId: 'u1', from: 'nurture', to: 'mql' },
    });
    const named = payloadOf({
      type: 'lead.qualified',
      leadId: 'u1',
      data: { leadId: 'x' },
      at: AT,
    });
    expect(JSON.parse(named).data).toEqual({ leadId: 'x' });
    const none = payloadOf({ type: 'model.activated', leadId: null, data: { version: 3 }, at: AT });
    expect(JSON.parse(none).data).toEqual({ version: 3 });
  });

  it('signs so that Webhook.verify accepts it, and refuses a changed body or another secret', () => {
    const secret = generateSecret();
    const body = payloadOf({ type: 'lead.qualified', leadId: 'u1', data: { a: 1 }, at: AT });
    const now = Date.now();
    const headers = signatureHeaders(secret, 'msg_1', body, now);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('u1', 'u2'), headers)).toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
  });
});

describe('webhook secrets', () => {
  it('generates whsec_ secrets of 32 bytes and explains bad ones', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretProblem(secret)).toBeNull();
    expect(secretProblem('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toMatch(/expected "whsec_"/);
    expect(secretProblem('whsec_not base64!')).toMatch(/base64/);
    expect(secretProblem('whsec_c2hvcnQ=')).toMatch(/24 to 64 bytes of key after "whsec_", got 5/);
  });
});

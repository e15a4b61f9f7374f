// parseSegmentCall: each call type as analytics-node shapes it, and the refusals that matter.
import { describe, expect, it } from 'vitest';
import type { SegmentMessage } from './message.js';
import { parseSegmentCall } from './parse-call.js';
import type { SegmentCallResult } from './result.js';

const receivedAt = Date.parse('2026-05-01T12:00:00Z');
const library = { library: { name: '@segment/analytics-node', version: '3.1.0' } };
const metadata = { nodeVersion: 'v20.20.2', jsRuntime: 'node' };

/** The fields analytics-node 3.1 puts on every message (captured from the real client). */
function sent(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    timestamp: '2026-05-01T11:59:58.123Z',
    integrations: {},
    context: library,
    messageId: 'node-next-1795395181377-e32636e1-b847-4824-b395-2f1d6e7de36b',
    _metadata: metadata,
    ...fields,
  };
}

function accepted(result: SegmentCallResult): SegmentMessage {
  if (result.kind !== 'accepted') throw new Error(`rejected: ${result.reason}`);
  return result.message;
}

const json = (value: unknown) => JSON.stringify(value);

describe('parseSegmentCall accepts what the SDK sends', () => {
  it('identify: traits, the reserved company object, both ids', () => {
    const body = sent({
      type: 'identify',
      userId: 'u1',
      anonymousId: 'a1',
      traits: { title: 'CTO', company: { name: 'Acme', employees: 120 } },
    });
    const message = accepted(parseSegmentCall('identify', json(body), { receivedAt }));
    expect(message).toMatchObject({
      type: 'identify',
      userId: 'u1',
      anonymousId: 'a1',
      messageId: body.messageId,
      time: Date.parse('2026-05-01T11:59:58.123Z'),
      receivedAt,
      context: library,
      traits: { title: 'CTO' },
      companyTraits: { name: 'Acme', employees: 120 },
    });
    expect(message.raw).toEqual(body);
  });
  it('track: event and properties; extra fields kept in raw', () => {
    const body = sent({
      type: 'track',
      userId: 'u1',
      event: 'Signed Up',
      properties: { plan: 'pro' },
      custom: [1, 2],
    });
    const message = accepted(parseSegmentCall('track', body, { receivedAt, bodyBytes: 400 }));
    expect(message).toMatchObject({
      type: 'track',
      event: 'Signed Up',
      properties: { plan: 'pro' },
    });
    expect(message.raw.custom).toEqual([1, 2]);
    expect(message.raw._metadata).toEqual(metadata);
  });
  it('page: name folded into properties, event "Page Viewed"', () => {
    const body = sent({
      type: 'page',
      userId: 'u1',
      name: 'Pricing',
      category: 'Docs',
      properties: {
        path: '/pricing',
        url: 'https://x.test/pricing',
        title: 'Pricing',
        referrer: '',
        search: '',
      },
    });
    const message = accepted(parseSegmentCall('page', json(body), { receivedAt }));
    expect(message).toMatchObject({ type: 'page', name: 'Pricing', event: 'Page Viewed' });
    expect(message.type === 'page' && message.properties).toEqual({
      path: '/pricing',
      url: 'https://x.test/pricing',
      title: 'Pricing',
      referrer: '',
      search: '',
      name: 'Pricing',
      category: 'Docs',
    });
  });
  it('page without a name, and a properties.name that wins over the top-level one', () => {
    expect(
      accepted(parseSegmentCall('page', sent({ anonymousId: 'a1' }), { receivedAt })),
    ).toMatchObject({ name: null, properties: {} });
    const named = accepted(
      parseSegmentCall('page', sent({ userId: 'u', name: 'Top', properties: { name: 'Own' } }), {
        receivedAt,
      }),
    );
    expect(named).toMatchObject({ name: 'Top', properties: { name: 'Own' } });
  });
  it('group and alias', () => {
    expect(
      accepted(
        parseSegmentCall(
          'group',
          sent({ type: 'group', userId: 'u1', groupId: 'g1', traits: { name: 'Acme' } }),
          { receivedAt },
        ),
      ),
    ).toMatchObject({ type: 'group', groupId: 'g1', traits: { name: 'Acme' } });
    expect(
      accepted(
        parseSegmentCall('alias', sent({ type: 'alias', userId: 'u1', previousId: 'a1' }), {
          receivedAt,
        }),
      ),
    ).toMatchObject({ type: 'alias', userId: 'u1', previousId: 'a1', anonymousId: null });
  });
  it('a numeric userId and no messageId: the id as text, messageId null', () => {
    const message = accepted(
      parseSegmentCall('track', { userId: 1234, event: 'E' }, { receivedAt, bodyBytes: 30 }),
    );
    expect(message).toMatchObject({
      userId: '1234',
      messageId: null,
      time: receivedAt,
      context: {},
    });
  });
});

describe('parseSegmentCall refuses, saying where and why', () => {
  const bad = (type: Parameters<typeof parseSegmentCall>[0], body: unknown) => {
    const result = parseSegmentCall(type, body, { receivedAt, bodyBytes: 100 });
    if (result.kind !== 'rejected') throw new Error('accepted');
    return result;
  };
  it('names the field and keeps the messageId', () => {
    expect(
      bad('track', { messageId: 'm1', userId: 'u', event: 'E', timestamp: '2026-13-01T00:00:00Z' }),
    ).toEqual({
      kind: 'rejected',
      messageId: 'm1',
      field: 'timestamp',
      reason: 'timestamp: timestamp "2026-13-01T00:00:00Z" is not a real date and time',
      tooLarge: false,
    });
    expect(bad('track', { userId: 'u' })).toMatchObject({ field: 'event', messageId: null });
    expect(bad('identify', { traits: {} })).toMatchObject({
      field: 'userId',
      reason: 'userId: a call needs a userId or an anonymousId',
    });
    expect(bad('identify', { userId: 'u', traits: 'CTO' })).toMatchObject({
      field: 'traits',
      reason: 'traits: must be an object',
    });
    expect(bad('group', { userId: 'u', groupId: {} })).toMatchObject({ field: 'groupId' });
    expect(bad('track', { type: 'page', userId: 'u' })).toMatchObject({ field: 'type' });
  });
  it('refuses a body that is not an object, or not JSON', () => {
    expect(bad('track', 'null')).toMatchObject({
      field: null,
      reason: 'expected a JSON object (a Segment call)',
    });
    expect(parseSegmentCall('track', '{', { receivedAt })).toMatchObject({
      kind: 'rejected',
      field: null,
      reason: expect.stringContaining('body is not valid JSON'),
    });
  });
  it('refuses text a store cannot hold with its field, and bytes that are not UTF-8 with their offset', () => {
    expect(
      parseSegmentCall('identify', json({ userId: 'u', traits: { 'x\u0000': 1 } }), { receivedAt }),
    ).toEqual({
      kind: 'rejected',
      messageId: null,
      field: 'traits.x\u0000',
      reason: 'traits.x\u0000: key contains a NUL character (\\u0000) at offset 1',
      tooLarge: false,
    });
    const bytes = Buffer.concat([
      Buffer.from('{"userId":"u","event":"'),
      Buffer.from([0xc0, 0x80]),
      Buffer.from('"}'),
    ]);
    expect(parseSegmentCall('track', bytes, { receivedAt })).toMatchObject({
      field: null,
      reason: 'body is not valid UTF-8: invalid byte sequence at byte offset 23',
    });
  });
  it('refuses a call over 32 KB by its byte count, before parsing', () => {
    const body = json({ userId: 'u', event: 'E', properties: { blob: 'x'.repeat(40_000) } });
    expect(parseSegmentCall('track', body, { receivedAt })).toEqual({
      kind: 'rejected',
      messageId: null,
      field: null,
      reason: `call is ${body.length} bytes, over the 32 KB limit (32768 bytes)`,
      tooLarge: true,
    });
    expect(parseSegmentCall('track', {}, { receivedAt, bodyBytes: 32_769 })).toMatchObject({
      reason: expect.stringContaining('over the 32 KB limit'),
    });
  });
  it('measures multi-byte text in bytes, and a pre-parsed body without bodyBytes by its JSON', () => {
    const wide = { userId: 'u', event: 'E', properties: { text: 'é'.repeat(17_000) } };
    expect(parseSegmentCall('track', json(wide), { receivedAt })).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('34'),
    });
    expect(parseSegmentCall('track', wide, { receivedAt })).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('32 KB'),
    });
  });
  it('refuses deep nesting inside the limit without overflowing the stack', () => {
    const deep = `{"userId":"u","event":"E","properties":{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    expect(parseSegmentCall('track', deep, { receivedAt })).toMatchObject({
      kind: 'rejected',
      reason: 'nested deeper than 64 levels of objects and arrays',
    });
    const huge = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(parseSegmentCall('track', huge, { receivedAt })).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('over the 32 KB limit'),
    });
  });
});

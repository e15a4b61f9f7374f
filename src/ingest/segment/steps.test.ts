// Each pipeline step on its own: the factories' results asserted directly.
import { describe, expect, it } from 'vitest';
import { createIdentityStep } from './identity-step.js';
import { createSizeStep } from './limits.js';
import { createParseStep } from './parse-step.js';
import { pipe, type StepResult } from './step.js';
import { createStorableStep } from './storable-step.js';
import { createTimestampStep, eventTime } from './timestamp-step.js';
import { createValidateTypeStep } from './validate-step.js';

const T = (iso: string) => Date.parse(iso);

function value<T>(result: StepResult<T>): T {
  if (result.kind !== 'ok') throw new Error(`rejected: ${result.reason}`);
  return result.value;
}

describe('createParseStep', () => {
  const parse = createParseStep();
  it('parses text and bytes, and passes parsed values through', () => {
    expect(parse('{"a":1}')).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(parse(Buffer.from('[1]'))).toEqual({ kind: 'ok', value: [1] });
    const object = { a: 1 };
    expect(value(parse(object))).toBe(object);
  });
  it('rejects bad JSON with a reason', () => {
    expect(parse('{"a":')).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/^body is not valid JSON/),
    });
  });
  it('refuses bytes that are not UTF-8 at their offset, instead of decoding them to U+FFFD', () => {
    expect(parse(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      kind: 'rejected',
      reason: 'body is not valid UTF-8: invalid byte sequence at byte offset 1',
    });
    const surrogate = Buffer.concat([
      Buffer.from('{"a":"é'),
      Buffer.from([0xed, 0xa0, 0x80, 0x22, 0x7d]),
    ]);
    expect(parse(surrogate)).toMatchObject({ reason: expect.stringMatching(/byte offset 8$/) });
    expect(parse(Buffer.from('{"a":"é😀"}'))).toEqual({ kind: 'ok', value: { a: 'é😀' } });
  });
});

describe('createSizeStep', () => {
  it('passes a size at the limit and refuses one byte more', () => {
    const size = createSizeStep({ maxBytes: 1024, what: 'call' });
    expect(size(1024)).toEqual({ kind: 'ok', value: 1024 });
    expect(size(1025)).toEqual({
      kind: 'rejected',
      reason: 'call is 1025 bytes, over the 1 KB limit (1024 bytes)',
      tooLarge: true,
    });
  });
});

describe('createValidateTypeStep', () => {
  const validate = createValidateTypeStep();
  it('takes the type from the endpoint when the body has none', () => {
    const raw = { userId: 'u1', event: 'Signed Up' };
    const result = value(createValidateTypeStep({ routeType: 'track' })(raw));
    expect(result.call.type).toBe('track');
    expect(result.raw).toBe(raw);
    expect(raw).not.toHaveProperty('type');
  });
  it('refuses a type the endpoint does not serve, and unknown types', () => {
    expect(
      createValidateTypeStep({ routeType: 'track' })({ type: 'identify', userId: 'u' }),
    ).toEqual({
      kind: 'rejected',
      field: 'type',
      reason: 'type "identify" sent to the /v1/track endpoint',
    });
    expect(validate({ type: 'screen', userId: 'u' })).toMatchObject({
      field: 'type',
      reason: expect.stringContaining('"screen" is not supported'),
    });
    expect(validate({ userId: 'u' })).toMatchObject({
      field: 'type',
      reason: expect.stringContaining('a call needs a type'),
    });
    expect(validate([])).toMatchObject({
      kind: 'rejected',
      reason: 'expected a JSON object (a Segment call)',
    });
  });
  it('points at the field: nested path and the schema reason', () => {
    expect(validate({ type: 'track', userId: 'u', event: 'E', properties: [1] })).toEqual({
      kind: 'rejected',
      field: 'properties',
      reason: 'must be an object',
    });
    expect(validate({ type: 'track', userId: 'u', event: '  ' })).toMatchObject({
      field: 'event',
      reason: 'a track call needs a non-empty event name',
    });
    expect(validate({ type: 'group', userId: 'u' })).toMatchObject({
      field: 'groupId',
      reason: 'is required',
    });
    expect(validate({ type: 'alias', previousId: 'a' })).toMatchObject({
      field: 'userId',
      reason: 'is required',
    });
    expect(validate({ type: 'alias', userId: 'u', previousId: '' })).toMatchObject({
      field: 'previousId',
      reason: 'must not be empty',
    });
    expect(validate({ type: 'identify', userId: true })).toMatchObject({
      field: 'userId',
      reason: 'must be a text or a number',
    });
  });
  it('reads numeric ids as text and keeps unknown fields', () => {
    const { call } = value(
      validate({ type: 'identify', userId: 42, anonymousId: 7, extra: { x: 1 } }),
    );
    expect(call).toMatchObject({ userId: '42', anonymousId: '7', extra: { x: 1 } });
  });
  it('refuses timestamps without a zone or not on the calendar, with parseTimestamp reason', () => {
    expect(
      validate({ type: 'identify', userId: 'u', timestamp: '2026-03-01T00:00:00' }),
    ).toMatchObject({
      field: 'timestamp',
      reason: 'timestamp "2026-03-01T00:00:00" has no time zone: add Z or an offset such as +02:00',
    });
    expect(
      validate({ type: 'identify', userId: 'u', sentAt: '2026-02-30T00:00:00Z' }),
    ).toMatchObject({
      field: 'sentAt',
      reason: 'timestamp "2026-02-30T00:00:00Z" is not a real date and time',
    });
    expect(
      validate({ type: 'identify', userId: 'u', originalTimestamp: 1700000000 }),
    ).toMatchObject({
      field: 'originalTimestamp',
      reason: 'timestamp must be a text, got number',
    });
  });
});

describe('createIdentityStep', () => {
  const identify = pipe(createValidateTypeStep(), createIdentityStep());
  it('needs a userId or an anonymousId, and a blank one is none', () => {
    expect(identify({ type: 'track', event: 'E' })).toEqual({
      kind: 'rejected',
      field: 'userId',
      reason: 'a call needs a userId or an anonymousId',
    });
    expect(identify({ type: 'track', event: 'E', userId: ' ', anonymousId: '' }).kind).toBe(
      'rejected',
    );
    expect(
      value(identify({ type: 'track', event: 'E', userId: '', anonymousId: 'a1' })),
    ).toMatchObject({ userId: null, anonymousId: 'a1' });
  });
});

describe('eventTime and createTimestampStep', () => {
  const receivedAt = T('2026-05-01T12:00:10Z');
  it('prefers timestamp, then skew-corrected originalTimestamp, then receivedAt', () => {
    const times = {
      timestamp: T('2026-04-01T00:00:00Z'),
      originalTimestamp: T('2026-05-01T12:00:00Z'),
      sentAt: T('2026-05-01T12:00:05Z'),
    };
    expect(eventTime(times, receivedAt)).toBe(times.timestamp);
    expect(eventTime({}, receivedAt)).toBe(receivedAt);
    expect(eventTime({ originalTimestamp: times.originalTimestamp }, receivedAt)).toBe(
      times.originalTimestamp,
    );
  });
  it('corrects a device clock one hour fast: the event happened 5 s before the send', () => {
    // Device clock: event 13:00:00, sent 13:00:05; our clock received it at 12:00:10.
    const time = eventTime(
      { originalTimestamp: T('2026-05-01T13:00:00Z'), sentAt: T('2026-05-01T13:00:05Z') },
      receivedAt,
    );
    expect(new Date(time).toISOString()).toBe('2026-05-01T12:00:05.000Z');
  });
  it("uses the batch's sentAt when the message has none, its own when it has one", () => {
    const step = pipe(
      pipe(createValidateTypeStep(), createIdentityStep()),
      createTimestampStep({ receivedAt, sentAt: T('2026-05-01T12:00:20Z') }),
    );
    const base = {
      type: 'track',
      event: 'E',
      userId: 'u',
      originalTimestamp: '2026-05-01T12:00:00Z',
    };
    expect(value(step(base)).time).toBe(receivedAt - 20_000);
    expect(value(step({ ...base, sentAt: '2026-05-01T12:00:01Z' })).time).toBe(receivedAt - 1_000);
  });
});

describe('createStorableStep', () => {
  const storable = createStorableStep<unknown>();
  it('refuses a NUL or a lone surrogate in any string, with its path and reason', () => {
    expect(storable({ userId: 'a\u0000b' })).toEqual({
      kind: 'rejected',
      field: 'userId',
      reason: 'contains a NUL character (\\u0000) at offset 1',
    });
    expect(storable({ properties: { items: ['ok', { title: 'VP\ud83d' }] } })).toEqual({
      kind: 'rejected',
      field: 'properties.items[1].title',
      reason: 'contains a lone UTF-16 surrogate at offset 2',
    });
    expect(storable({ context: { page: { url: '\udc00' } } })).toMatchObject({
      field: 'context.page.url',
    });
  });
  it('refuses such a key, at any depth, naming it', () => {
    expect(storable({ traits: { 'a\u0000': 1 } })).toEqual({
      kind: 'rejected',
      field: 'traits.a\u0000',
      reason: 'key contains a NUL character (\\u0000) at offset 1',
    });
    expect(storable({ '\ud800': 1 })).toMatchObject({ field: '\ud800' });
  });
  it('passes surrogate pairs, other text and non-text values', () => {
    const message = { userId: '😀 é', traits: { n: 1, ok: true, none: null, list: [1, 'x'] } };
    expect(value(storable(message))).toBe(message);
  });
  it('counts nesting without recursion, even 100 000 levels deep, refusing the whole value', () => {
    const shallow = createStorableStep<unknown>({ maxDepth: 3 });
    expect(shallow({ a: [{ b: 1 }] }).kind).toBe('ok');
    expect(shallow({ a: [{ b: [] }] })).toEqual({
      kind: 'rejected',
      reason: 'nested deeper than 3 levels of objects and arrays',
    });
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(storable(deep).kind).toBe('rejected');
    // Within the limit, text deep down is still named by its path.
    expect(shallow({ a: [{ b: '\u0000' }] })).toMatchObject({ field: 'a[0].b' });
  });
});

// parseSegmentBatch: messages judged one by one; only the envelope refuses a batch whole.
import { describe, expect, it } from 'vitest';
import { parseSegmentBatch, type SegmentBatchResult } from './parse-batch.js';

const receivedAt = Date.parse('2026-05-01T12:00:10Z');

function items(result: SegmentBatchResult) {
  if (result.kind !== 'ok') throw new Error(`batch rejected: ${result.reason}`);
  return result.items;
}

const good = (n: number) => ({ type: 'track', messageId: `m${n}`, userId: 'u1', event: `E${n}` });

describe('parseSegmentBatch', () => {
  it('keeps the good messages and refuses the bad one with its index, messageId and field', () => {
    const batch = [
      good(0),
      good(1),
      good(2),
      { ...good(3), timestamp: '2026-13-01T00:00:00Z' },
      good(4),
    ];
    const result = items(parseSegmentBatch(JSON.stringify({ batch }), { receivedAt }));
    expect(result.map((item) => [item.index, item.kind])).toEqual([
      [0, 'accepted'],
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'rejected'],
      [4, 'accepted'],
    ]);
    expect(result[3]).toEqual({
      kind: 'rejected',
      index: 3,
      messageId: 'm3',
      field: 'batch[3].timestamp',
      reason: 'batch[3].timestamp: timestamp "2026-13-01T00:00:00Z" is not a real date and time',
      tooLarge: false,
    });
  });
  it('refuses a message holding a NUL or a lone surrogate on its own, with index and field', () => {
    const batch = [
      good(0),
      { ...good(1), properties: { 'k\u0000': 1 } },
      good(2),
      { ...good(3), event: 'E\ud83d' },
    ];
    const result = items(parseSegmentBatch(JSON.stringify({ batch }), { receivedAt }));
    expect(
      result.map((item) => [item.index, item.kind === 'rejected' ? item.field : 'accepted']),
    ).toEqual([
      [0, 'accepted'],
      [1, 'batch[1].properties.k\u0000'],
      [2, 'accepted'],
      [3, 'batch[3].event'],
    ]);
    expect(result[3]).toMatchObject({
      messageId: 'm3',
      reason: 'batch[3].event: contains a lone UTF-16 surrogate at offset 1',
    });
  });
  it("refuses the whole batch for unstorable text in the envelope's context, naming its field", () => {
    const body = { batch: [good(0)], context: { library: { name: 'a\u0000' } } };
    expect(parseSegmentBatch(body, { receivedAt, bodyBytes: 100 })).toEqual({
      kind: 'rejected',
      field: 'context.library.name',
      reason: 'context.library.name: contains a NUL character (\\u0000) at offset 1',
      tooLarge: false,
    });
  });
  it('refuses elements that are not calls, each on its own', () => {
    const result = items(
      parseSegmentBatch(
        { batch: [null, 3, { type: 'screen', userId: 'u' }, { userId: 'u', event: 'E' }] },
        { receivedAt, bodyBytes: 200 },
      ),
    );
    expect(result.map((item) => item.kind === 'rejected' && item.reason)).toEqual([
      'batch[0]: expected a JSON object (a Segment call)',
      'batch[1]: expected a JSON object (a Segment call)',
      'batch[2].type: type "screen" is not supported: expected one of identify, track, page, group, alias',
      'batch[3].type: a call needs a type: one of identify, track, page, group, alias',
    ]);
  });
  it("corrects clock skew with the batch's sentAt and merges the batch context under each message's", () => {
    const batch = [
      { ...good(0), originalTimestamp: '2026-05-01T13:00:00Z', context: { ip: '10.0.0.1' } },
    ];
    const body = {
      batch,
      sentAt: '2026-05-01T13:00:05Z',
      context: { library: { name: 'x' }, ip: 'batch' },
      writeKey: 'wk',
    };
    const [item] = items(parseSegmentBatch(body, { receivedAt, bodyBytes: 300 }));
    expect(item?.kind === 'accepted' && item.message).toMatchObject({
      time: Date.parse('2026-05-01T12:00:05Z'),
      context: { library: { name: 'x' }, ip: '10.0.0.1' },
    });
  });
  it('refuses the whole batch over 500 KB, with the reason', () => {
    const batch = Array.from({ length: 20 }, (_, n) => ({
      ...good(n),
      properties: { blob: 'x'.repeat(30_000) },
    }));
    const body = JSON.stringify({ batch });
    expect(parseSegmentBatch(body, { receivedAt })).toEqual({
      kind: 'rejected',
      field: null,
      reason: `batch is ${body.length} bytes, over the 500 KB limit (512000 bytes)`,
      tooLarge: true,
    });
    expect(parseSegmentBatch({ batch }, { receivedAt })).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('500 KB'),
    });
  });
  it('refuses one message over 32 KB inside a batch under 500 KB', () => {
    const batch = [good(0), { ...good(1), properties: { blob: 'x'.repeat(40_000) } }];
    const [first, second] = items(parseSegmentBatch(JSON.stringify({ batch }), { receivedAt }));
    expect(first?.kind).toBe('accepted');
    expect(second).toMatchObject({
      kind: 'rejected',
      index: 1,
      messageId: 'm1',
      field: 'batch[1]',
      reason: expect.stringMatching(/^batch\[1\]: message is \d+ bytes, over the 32 KB limit/),
      tooLarge: true,
    });
  });
  it('refuses one deeply nested message, keeping the others', () => {
    const deep = `{"type":"track","userId":"u","event":"E","properties":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    const body = `{"batch":[${JSON.stringify(good(0))},${deep}]}`;
    const result = items(parseSegmentBatch(body, { receivedAt }));
    expect(result.map((item) => item.kind)).toEqual(['accepted', 'rejected']);
    expect(parseSegmentBatch(JSON.parse(body), { receivedAt }).kind).toBe('ok');
  });
  it("refuses the whole batch for an envelope's context nested past the limit, naming it", () => {
    // A message may nest 64 levels; its context sits one level down, so 63 is the most there.
    const context = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const body = (levels: number) =>
      `{"batch":[${JSON.stringify(good(0))}],"context":${context(levels)}}`;
    expect(items(parseSegmentBatch(body(63), { receivedAt }))[0]?.kind).toBe('accepted');
    for (const levels of [64, 5_000])
      expect(parseSegmentBatch(body(levels), { receivedAt })).toEqual({
        kind: 'rejected',
        field: 'context',
        reason: 'context: nested deeper than 64 levels of objects and arrays',
        tooLarge: false,
      });
  });
  it('refuses a bad envelope whole', () => {
    expect(parseSegmentBatch('[]', { receivedAt })).toMatchObject({
      kind: 'rejected',
      reason: 'expected a JSON object with a "batch" array',
    });
    expect(parseSegmentBatch({ batch: {} }, { receivedAt, bodyBytes: 12 })).toEqual({
      kind: 'rejected',
      field: 'batch',
      reason: 'batch: a batch needs a "batch" array of calls',
      tooLarge: false,
    });
    expect(
      parseSegmentBatch({ batch: [], sentAt: 'yesterday' }, { receivedAt, bodyBytes: 12 }),
    ).toMatchObject({ kind: 'rejected', field: 'sentAt' });
    expect(parseSegmentBatch('{"batch":', { receivedAt })).toMatchObject({
      kind: 'rejected',
      field: null,
    });
    expect(parseSegmentBatch({ batch: [] }, { receivedAt, bodyBytes: 12 })).toEqual({
      kind: 'ok',
      items: [],
    });
  });
});

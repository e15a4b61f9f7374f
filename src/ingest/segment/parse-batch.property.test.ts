// Property: any JSON body gives a result without throwing, one item per batch element.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSegmentBatch } from './parse-batch.js';

const receivedAt = Date.parse('2026-05-01T12:00:00Z');

/** Messages that look like Segment calls, so the property reaches past the type check. */
const callLike = fc.record(
  {
    type: fc.constantFrom('identify', 'track', 'page', 'group', 'alias', 'screen'),
    userId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    anonymousId: fc.string(),
    event: fc.string(),
    groupId: fc.string(),
    previousId: fc.string(),
    timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    properties: fc.jsonValue(),
    traits: fc.jsonValue(),
    context: fc.jsonValue(),
  },
  { requiredKeys: ['type'] },
);

describe('parseSegmentBatch on arbitrary input', () => {
  it('never throws on any JSON body, raw or parsed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const text = JSON.stringify(body);
        for (const input of [body, text]) {
          const result = parseSegmentBatch(input, { receivedAt });
          expect(['ok', 'rejected']).toContain(result.kind);
        }
      }),
    );
  });
  it('returns exactly one result per element, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), callLike)), fc.jsonValue(), (batch, extra) => {
        const result = parseSegmentBatch(JSON.stringify({ batch, extra }), { receivedAt });
        if (result.kind !== 'ok') throw new Error(result.reason);
        expect(result.items.map((item) => item.index)).toEqual(batch.map((_, index) => index));
      }),
    );
  });
});

// deriveMessageId: the same call gives the same id in any key order and across retries.
import { describe, expect, it } from 'vitest';
import { canonicalJson, deriveMessageId } from './message-id.js';

describe('deriveMessageId', () => {
  const call = { type: 'track', userId: 'u1', event: 'E', properties: { a: 1, b: [1, { c: 2 }] } };
  it('ignores key order and the fields a retry restamps', () => {
    const reordered = {
      properties: { b: [1, { c: 2 }], a: 1 },
      event: 'E',
      userId: 'u1',
      type: 'track',
    };
    expect(deriveMessageId(reordered)).toBe(deriveMessageId(call));
    expect(deriveMessageId({ ...call, sentAt: '2026-05-01T12:00:00Z' })).toBe(
      deriveMessageId(call),
    );
    expect(deriveMessageId(call)).toMatch(/^derived-[0-9a-f]{40}$/);
  });
  it('changes with the content', () => {
    expect(deriveMessageId({ ...call, event: 'F' })).not.toBe(deriveMessageId(call));
    expect(deriveMessageId({ ...call, timestamp: '2026-05-01T12:00:00Z' })).not.toBe(
      deriveMessageId(call),
    );
  });
  it('writes canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 'x'], c: undefined })).toBe(
      '{"a":[null,"x"],"b":1}',
    );
  });
});

// How write-back answers map to reports: success, waits asked for, refusals, retries.
import { describe, expect, it } from 'vitest';
import { attemptOf, retryAfterMs } from './sync-answer.js';

const NOW = Date.parse('2026-04-01T08:00:00Z');
const answer = (status: number, retryAfter: string | null = null) =>
  attemptOf({ status, retryAfter, body: '{"x":1}', latencyMs: 5 }, NOW);

describe('write-back answers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('30', NOW)).toBe(30_000);
    expect(retryAfterMs(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(retryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });

  it('succeeds on 2xx, waits on 429 and on 503 with Retry-After, retries 5xx, refuses 4xx', () => {
    expect(answer(200)).toEqual({
      statusCode: 200,
      error: null,
      latencyMs: 5,
      responseExcerpt: '{"x":1}',
    });
    expect(answer(429, '12')).toMatchObject({ error: 'HTTP 429', retryAfterMs: 12_000 });
    expect(answer(429)).not.toHaveProperty('permanent');
    expect(answer(429)).not.toHaveProperty('retryAfterMs');
    expect(answer(503, '7')).toMatchObject({ error: 'HTTP 503', retryAfterMs: 7_000 });
    expect(answer(503)).not.toHaveProperty('retryAfterMs');
    expect(answer(500)).not.toHaveProperty('permanent');
    expect(answer(408)).not.toHaveProperty('permanent');
    expect(answer(400)).toMatchObject({ error: 'HTTP 400', permanent: true });
    expect(answer(404)).toMatchObject({ permanent: true });
  });
});

import { describe, expect, it } from 'vitest';
import {
  delayAfter,
  MAX_DELAY_MS,
  staleKeys,
  throttleKeys,
  waitBeforeAttempt,
} from './login-throttle.js';

describe('login throttling', () => {
  it('keys the account (lower-cased) and the address', () => {
    expect(throttleKeys(' Ann@Example.COM ', '10.0.0.1')).toEqual([
      'email:ann@example.com',
      'ip:10.0.0.1',
    ]);
    expect(throttleKeys('ann@example.com', null)).toEqual(['email:ann@example.com']);
  });

  it('lets 5 failures go, then waits 1, 2, 4, ... seconds, at most 15 minutes', () => {
    expect([0, 4].map(delayAfter)).toEqual([0, 0]);
    expect([5, 6, 7, 10].map(delayAfter)).toEqual([1000, 2000, 4000, 32_000]);
    expect(delayAfter(15)).toBe(MAX_DELAY_MS);
    expect(delayAfter(40)).toBe(MAX_DELAY_MS);
  });

  it('waits for the most held key, from its last failure', () => {
    const failures = [
      { key: 'email:a', count: 7, lastAt: 10_000 },
      { key: 'ip:x', count: 5, lastAt: 12_000 },
    ];
    expect(waitBeforeAttempt(failures, 11_000)).toBe(3000);
    expect(waitBeforeAttempt(failures, 14_000)).toBe(0);
    expect(staleKeys(failures, 10_000 + 24 * 3_600_000)).toEqual(['email:a']);
  });
});

// The backoff rules: exponential caps with full jitter, and the end of the retry period.
import { describe, expect, it } from 'vitest';
import { afterFailure, backoffDelay } from './backoff.js';

const OPTIONS = { backoffBaseMs: 1000, backoffMaxMs: 60_000, retryPeriodMs: 3_600_000 };

describe('webhook backoff', () => {
  it('doubles the cap with each attempt up to the maximum, and jitters below it', () => {
    const almostOne = () => 0.999_999;
    expect([1, 2, 3, 4, 6, 7, 30].map((n) => backoffDelay(n, OPTIONS, almostOne))).toEqual([
      999, 1999, 3999, 7999, 31_999, 59_999, 59_999,
    ]);
    expect(backoffDelay(5, OPTIONS, () => 0)).toBe(0);
    expect(backoffDelay(3, OPTIONS, () => 0.5)).toBe(2000);
    expect(backoffDelay(2000, OPTIONS, () => 0.5)).toBe(30_000);
  });

  it('retries within the period and fails once the next try would fall after it', () => {
    const half = () => 0.5;
    expect(afterFailure(1, 0, 10, OPTIONS, half)).toEqual({ outcome: 'retry', nextAttemptAt: 510 });
    const late = 3_600_000 - 29_999;
    expect(afterFailure(40, 0, late, OPTIONS, half)).toEqual({
      outcome: 'failed',
      nextAttemptAt: null,
    });
    expect(afterFailure(40, 0, late - 2, OPTIONS, half)).toEqual({
      outcome: 'retry',
      nextAttemptAt: 3_600_000 - 1,
    });
  });
});

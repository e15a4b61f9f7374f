// When to try a failed delivery again: exponential backoff with full jitter, within a retry
// period that starts at the delivery's first attempt (or its redelivery).
import type { WebhookAttemptResult } from '../../store/port.js';

export interface BackoffOptions {
  /** The cap of the first retry's delay; it doubles with each attempt. */
  backoffBaseMs: number;
  /** The most any delay's cap grows to. */
  backoffMaxMs: number;
  /** After this long since the retry period began, a failed delivery is failed for good. */
  retryPeriodMs: number;
}

/** Full jitter: uniform in [0, min(max, base * 2^(attempt - 1))), attempt counting from 1. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const cap = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/**
 * What follows a failed attempt: a retry after the backoff delay, or failed when that retry
 * would fall after the end of the retry period.
 */
export function afterFailure(
  attempt: number,
  retrySince: number,
  now: number,
  options: BackoffOptions,
  random: () => number,
): Pick<WebhookAttemptResult, 'outcome' | 'nextAttemptAt'> {
  const next = now + backoffDelay(attempt, options, random);
  if (next > retrySince + options.retryPeriodMs) return { outcome: 'failed', nextAttemptAt: null };
  return { outcome: 'retry', nextAttemptAt: next };
}

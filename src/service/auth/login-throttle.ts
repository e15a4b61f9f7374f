// Sign-in throttling, shared by every server through the store (login_failures): after
// FREE_FAILURES wrong passwords for an account or from an address, each further attempt within
// 2^(n - FREE_FAILURES) seconds of the last failure (at most 15 minutes) is refused unchecked.
import type { LoginFailure } from '../../store/team-records.js';

export const FREE_FAILURES = 5;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten: a typo months ago costs nothing today. */
export const FORGET_AFTER_MS = 24 * 3_600_000;

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (ip !== null) keys.push(`ip:${ip}`);
  return keys;
}

/** How long after its last failure a key with `count` failures is refused (0: not at all). */
export function delayAfter(count: number): number {
  if (count < FREE_FAILURES) return 0;
  return Math.min(2 ** (count - FREE_FAILURES) * 1000, MAX_DELAY_MS);
}

/** Milliseconds until an attempt is allowed again (0: now), over every key's failures. */
export function waitBeforeAttempt(failures: readonly LoginFailure[], now: number): number {
  let wait = 0;
  for (const f of failures) wait = Math.max(wait, f.lastAt + delayAfter(f.count) - now);
  return Math.max(0, wait);
}

/** The keys whose failures are old enough to forget. */
export function staleKeys(failures: readonly LoginFailure[], now: number): string[] {
  return failures.filter((f) => now - f.lastAt >= FORGET_AFTER_MS).map((f) => f.key);
}

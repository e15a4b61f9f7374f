// The held-out split (the project's shared recipe): row i is held out when the first 8 bytes of
// SHA-256 of its decimal index, big-endian, mod 100, are below 20.
import { createHash } from 'node:crypto';

export function splitBucket(i: number): number {
  const digest = createHash('sha256').update(String(i), 'ascii').digest();
  return Number(digest.readBigUInt64BE(0) % 100n);
}

export const HOLDOUT_PERCENT = 20;

export function isHeldOut(i: number): boolean {
  return splitBucket(i) < HOLDOUT_PERCENT;
}

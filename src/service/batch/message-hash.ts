// A 53-bit hash of a messageId: retries of one lead's events are found by comparing these
// within the lead, not by keeping ten million id strings in one set.

/**
 * cyrb53-style mixing of two 32-bit lanes. Two different ids of the same lead collide with
 * probability ~k^2 / 2^54 for a lead with k events: never, in practice.
 */
export function messageHash(id: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // 0 is kept for "no messageId".
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}

// A stable messageId for a call that came without one, so an identical retry dedupes.
import { createHash } from 'node:crypto';

/**
 * Fields a library may restamp when it retries the same call (analytics.js sets `sentAt` per
 * attempt) or that the server, not the sender, decides: hashing them would make a retry a new event.
 */
const VOLATILE = new Set(['messageId', 'sentAt', 'receivedAt']);

/**
 * Segment's libraries always send a messageId; this is for hand-written integrations. The
 * parser leaves `messageId` null rather than calling this, so the caller chooses whether a
 * call without an id is deduped by content. Pass an accepted message's `raw` (its nesting is
 * bounded by MAX_DEPTH, which keeps this recursion shallow).
 */
export function deriveMessageId(raw: Record<string, unknown>): string {
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !VOLATILE.has(key)));
  const digest = createHash('sha256').update(canonicalJson(kept)).digest('hex');
  return `derived-${digest.slice(0, 40)}`;
}

/** JSON with object keys sorted, so the same content gives the same text in any key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

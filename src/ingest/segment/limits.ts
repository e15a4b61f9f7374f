// Size and nesting limits from the Segment HTTP API, checked before anything walks the body.
import { ok, rejected, tooLarge, type Step } from './step.js';

/** Segment refuses a single call over 32 KB and a batch over 500 KB; SDKs split to fit. */
export const MAX_CALL_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

/**
 * Segment sets no nesting limit, but JSON.stringify and every recursive reader downstream
 * overflow the stack on a body of 30 000 nested brackets, which fits in 32 KB. No real
 * payload nests this deep.
 */
export const MAX_DEPTH = 64;

export function byteLength(raw: string | Uint8Array): number {
  return typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
}

export interface SizeLimit {
  maxBytes: number;
  /** What the limit applies to, for the reason: `call`, `batch`, `message`. */
  what: string;
  /** Where to point the refusal; the whole body when absent. */
  field?: string;
}

/** Checks a byte count that the caller measured on the body as received. */
export function createSizeStep(limit: SizeLimit): Step<number, number> {
  return (bytes) =>
    bytes > limit.maxBytes
      ? tooLarge(
          `${limit.what} is ${bytes} bytes, over the ${limit.maxBytes / 1024} KB limit (${limit.maxBytes} bytes)`,
          limit.field,
        )
      : ok(bytes);
}

/** Refuses values nested deeper than `maxDepth`, without recursion of its own. */
export function createDepthStep(maxDepth = MAX_DEPTH): Step<unknown, unknown> {
  return (value) => {
    const depth = depthOf(value, maxDepth);
    return depth > maxDepth
      ? rejected(`nested deeper than ${maxDepth} levels of objects and arrays`)
      : ok(value);
  };
}

/** Depth of a JSON value (a scalar is 0), counted only up to `stopAfter` + 1. */
function depthOf(value: unknown, stopAfter: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, level] = next;
    if (typeof current !== 'object' || current === null) continue;
    const depth = level + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAfter) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      pending.push([child, depth]);
    }
  }
  return deepest;
}

/** Bytes of a parsed value once serialised: for messages inside a batch and pre-parsed bodies. */
export function serialisedBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

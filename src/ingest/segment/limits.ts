// Size and nesting limits from the Segment HTTP API, checked before anything walks the body.
import { MAX_JSON_DEPTH } from '../json-safety.js';
import { ok, tooLarge, type Step } from './step.js';

/** Segment refuses a single call over 32 KB and a batch over 500 KB; SDKs split to fit. */
export const MAX_CALL_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

/**
 * Segment sets no nesting limit, but JSON.stringify and every recursive reader downstream
 * overflow the stack on a body of 30 000 nested brackets, which fits in 32 KB. No real
 * payload nests this deep (the limit every route shares, json-safety.ts).
 */
export const MAX_DEPTH = MAX_JSON_DEPTH;

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

/** Bytes of a parsed value once serialised: for messages inside a batch and pre-parsed bodies. */
export function serialisedBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

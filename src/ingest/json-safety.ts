// What every store can hold: one rule for text and JSON wherever input enters (ingestion, route
// bodies, paths and queries). PostgreSQL refuses NUL characters in text and jsonb, and a lone
// UTF-16 surrogate cannot be encoded as UTF-8; SQLite would store both, so both stores refuse
// them here, before anything is written. Nesting is capped so that every recursive reader
// downstream (JSON.stringify, SQLite's json_extract, the engine) can read what was stored.

import { isUtf8 } from 'node:buffer';

/** No real payload nests deeper; SQLite's JSON functions stop at 1,000 levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * Bytes (UTF-8) of an id that becomes part of a database key (a lead, anonymous, company or
 * message id): a PostgreSQL btree entry holds at most 2,704 bytes, and these keys sit beside the
 * workspace id and sometimes another key; longer ids would fail there and not on SQLite.
 */
export const MAX_ID_BYTES = 1024;

/** Why an id cannot be a key, or null when it can. */
export function idProblem(id: string): string | null {
  const bytes = Buffer.byteLength(id, 'utf8');
  return bytes > MAX_ID_BYTES
    ? `is ${bytes} bytes long: an id may have at most ${MAX_ID_BYTES} bytes (UTF-8)`
    : null;
}

export interface JsonProblem {
  /** What is wrong: text a store cannot hold, or nesting past the limit. */
  kind: 'text' | 'depth';
  /** Where, as leadscore writes field paths: `traits.name`, `properties.items[2]`; '' = the whole value. */
  path: string;
  reason: string;
}

/** Why a string cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return `contains a NUL character (\\u0000) at offset ${i}`;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `contains a lone UTF-16 surrogate at offset ${i}`;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return `contains a lone UTF-16 surrogate at offset ${i}`;
  }
  return null;
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * The first thing in a parsed JSON value that a store cannot hold: a key or string with a NUL
 * or a lone surrogate, or nesting deeper than `maxDepth` objects and arrays. Iterative, so a
 * value of any depth is checked without overflowing the stack.
 */
export function findJsonProblem(
  value: unknown,
  options: { maxDepth?: number; path?: string } = {},
): JsonProblem | null {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const pending: Array<[unknown, string, number]> = [[value, options.path ?? '', 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, path, depth] = next;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { kind: 'text', path, reason: problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) {
      return {
        kind: 'depth',
        path,
        reason: `nested deeper than ${maxDepth} levels of objects and arrays`,
      };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push([current[i], childPath(path, i), depth + 1]);
      }
      continue;
    }
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const keyProblem = textProblem(key);
      if (keyProblem)
        return { kind: 'text', path: childPath(path, key), reason: `key ${keyProblem}` };
      pending.push([child, childPath(path, key), depth + 1]);
    }
  }
  return null;
}

/**
 * Decodes a body as UTF-8, refusing invalid byte sequences instead of turning them into U+FFFD
 * (which would store something the sender never sent). Answers the text, or the byte offset of
 * the first invalid sequence.
 */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; offset: number } {
  if (isUtf8(bytes)) return { ok: true, text: Buffer.from(bytes).toString('utf8') };
  return { ok: false, offset: firstInvalidUtf8Offset(bytes) };
}

/**
 * Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. Written
 * here because Node's decoders only say whether a buffer is valid, not where it stops being so.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** Length of the valid UTF-8 sequence starting at `i` (RFC 3629), or 0 when it is invalid. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

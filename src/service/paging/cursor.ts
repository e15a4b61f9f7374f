// Opaque keyset cursors for newest-first lists: a position encoded as base64url JSON, decoded
// against its schema, and a coded error naming the parameter when it is not one of ours.
import type { z } from 'zod';
import { StoreError } from '../../store/port.js';

/** A page asked for: how many rows, and the cursor it continues from as the caller named it. */
export interface PageRequest {
  limit: number;
  cursor: string | undefined;
  /** Where the cursor was given (`querystring.before`), for the error on a bad one. */
  field: string;
}

/** Rows of one page, and the cursor of the next one (null on the last page). */
export interface Page<Row> {
  rows: Row[];
  next: string | null;
}

export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position in `cursor`, or undefined when none was given; a bad one is a StoreError 'invalid'. */
export function decodeCursor<S extends z.ZodType>(
  schema: S,
  cursor: string | undefined,
  field: string,
): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new StoreError('invalid', `${field}: not a cursor from this list`);
  return result.data;
}

/**
 * A page from up to `limit + 1` rows (the extra one only tells that more follow): the rows shown,
 * and the cursor after the last of them, or null on the last page.
 */
export function pageOf<Row>(
  rows: readonly Row[],
  limit: number,
  positionOf: (row: Row) => object,
): Page<Row> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    rows: shown,
    next: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

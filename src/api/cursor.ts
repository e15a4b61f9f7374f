// Opaque keyset cursors for the API's newest-first lists: a position encoded as base64url JSON,
// decoded against its schema, and a coded 400 naming the parameter when it is not one of ours.
import type { z } from 'zod';
import { ApiError } from './errors.js';

export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position in `cursor`, or undefined when none was given. */
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
  if (!result.success)
    throw new ApiError('invalid_request', `${field}: not a cursor from this list`);
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
): { rows: Row[]; next: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    rows: shown,
    next: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

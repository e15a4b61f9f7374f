// Keyset pages of account scores, best first: the cursor is the last row's (score, company id).
import { z } from 'zod';
import type { AccountPage } from './account-port.js';
import { StoreError } from './errors.js';
import type { AccountScoreRow } from './records.js';

const cursorSchema = z.object({ score: z.number(), id: z.string() });
export type AccountCursor = z.infer<typeof cursorSchema>;

export function decodeAccountCursor(after: string | null | undefined): AccountCursor | undefined {
  if (after === undefined || after === null) return undefined;
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(after, 'base64url').toString('utf8')),
    );
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the refusal
  }
  throw new StoreError('invalid', 'after: not a cursor from this list');
}

/** The page from up to `limit + 1` rows: the extra row only tells that more follow. */
export function toAccountPage(limit: number, rows: AccountScoreRow[]): AccountPage {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  if (!last || rows.length <= limit) return { items, next: null };
  const cursor: AccountCursor = { score: last.score, id: last.companyId };
  return { items, next: Buffer.from(JSON.stringify(cursor)).toString('base64url') };
}

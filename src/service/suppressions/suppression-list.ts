// The ids erasures suppressed, as people manage them: listed newest first a page at a time, and
// lifted one by one so that calls for an id are accepted again.
import { z } from 'zod';
import { textProblem } from '../../ingest/json-safety.js';
import { StoreError, type Store, type Suppression } from '../../store/port.js';
import { decodeCursor, pageOf, type PageRequest } from '../paging/cursor.js';

/** An id as given in a path or a cursor: text every store can hold (PostgreSQL refuses NUL). */
export const storableId = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const positionSchema = z.object({ createdAt: z.number(), id: storableId });

/** A suppression as people read it: its times in ISO-8601. */
export type SuppressionEntry = Omit<Suppression, 'createdAt' | 'lastRefusedAt'> & {
  createdAt: string;
  lastRefusedAt: string | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

const entryOf = (s: Suppression): SuppressionEntry => ({
  ...s,
  createdAt: iso(s.createdAt),
  lastRefusedAt: s.lastRefusedAt === null ? null : iso(s.lastRefusedAt),
});

export async function listSuppressions(
  store: Store,
  ws: string,
  page: PageRequest,
): Promise<{ items: SuppressionEntry[]; next: string | null }> {
  const after = decodeCursor(positionSchema, page.cursor, page.field);
  const rows = await store.listSuppressions(ws, { limit: page.limit + 1, after });
  const shown = pageOf(rows, page.limit, (s) => ({ createdAt: s.createdAt, id: s.id }));
  return { items: shown.rows.map(entryOf), next: shown.next };
}

/** Lifts the suppression and answers it as it was; StoreError 'not_found' for an id not suppressed. */
export async function liftSuppression(
  store: Store,
  ws: string,
  id: string,
): Promise<SuppressionEntry> {
  const lifted = await store.liftSuppression(ws, id);
  if (!lifted) throw new StoreError('not_found', `no suppression "${id}"`);
  return entryOf(lifted);
}

// The workspace's transitions feed: which leads changed segment, grade or stage, newest recorded
// first, a page at a time.
import { z } from 'zod';
import type { Store, Transition } from '../../store/port.js';
import { decodeCursor, pageOf, type PageRequest } from '../paging/cursor.js';

const positionSchema = z.object({ id: z.number().int() });

/** A transition as people read it: its time in ISO-8601, without the feed's internal id. */
export type TransitionEntry = Omit<Transition, 'id' | 'at'> & { at: string };

export async function transitionFeed(
  store: Store,
  ws: string,
  page: PageRequest,
): Promise<{ items: TransitionEntry[]; next: string | null }> {
  const position = decodeCursor(positionSchema, page.cursor, page.field);
  const rows = await store.listTransitions(ws, { limit: page.limit + 1, before: position?.id });
  const shown = pageOf(rows, page.limit, (t) => ({ id: t.id }));
  return {
    items: shown.rows.map(({ id: _id, at, ...t }) => ({ ...t, at: new Date(at).toISOString() })),
    next: shown.next,
  };
}

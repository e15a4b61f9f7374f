// A lead's score history as people read it: every visible change with its cause, newest first,
// times in ISO-8601.
import { StoreError, type HistoryEntry, type Store } from '../../store/port.js';

export type LeadHistoryEntry = Omit<HistoryEntry, 'at'> & { at: string };

/** The newest `limit` entries; StoreError 'not_found' for an unknown lead. */
export async function leadHistory(
  store: Store,
  ws: string,
  id: string,
  limit: number,
): Promise<{ items: LeadHistoryEntry[] }> {
  if (!(await store.getLead(ws, id))) throw new StoreError('not_found', `no lead "${id}"`);
  const entries = await store.listHistory(ws, id, { limit });
  return { items: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
}

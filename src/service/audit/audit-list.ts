// The audit trail as owners read it: filtered, newest first, a page at a time behind an opaque
// cursor.
import { z } from 'zod';
import type { AuditEntry, AuditFilter, Store } from '../../store/port.js';
import { decodeCursor, pageOf, type PageRequest } from '../paging/cursor.js';

const positionSchema = z.object({ at: z.number(), id: z.string().regex(/^\d+$/) });

/** An entry as people read it: its time in ISO-8601. */
export type AuditEntryOut = Omit<AuditEntry, 'at'> & { at: string };

const entryOf = (e: AuditEntry): AuditEntryOut => ({ ...e, at: new Date(e.at).toISOString() });

export async function listAuditEntries(
  store: Store,
  ws: string,
  filter: AuditFilter,
  page: PageRequest,
): Promise<{ items: AuditEntryOut[]; next: string | null }> {
  const after = decodeCursor(positionSchema, page.cursor, page.field);
  const rows = await store.listAudit(ws, { filter, limit: page.limit + 1, after });
  const shown = pageOf(rows, page.limit, (e) => ({ at: e.at, id: e.id }));
  return { items: shown.rows.map(entryOf), next: shown.next };
}

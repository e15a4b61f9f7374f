// A lead's events for people to read, newest first: what the call was, its name, its properties
// (or traits, for identify and group calls), when it happened and when it arrived; a page at a
// time.
import {
  leadEventPositionSchema,
  StoreError,
  type LeadEvent,
  type Store,
} from '../../store/port.js';
import { decodeCursor, pageOf, type PageRequest } from '../paging/cursor.js';

export interface LeadEventView {
  messageId: string;
  type: LeadEvent['type'];
  name: string | null;
  properties: Record<string, unknown>;
  timestamp: string;
  receivedAt: string;
}

const objectAt = (payload: Record<string, unknown>, key: string) => {
  const value = payload[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
};

/**
 * The event name of a track call, the page or screen name of a page or screen call (the store
 * keeps `Page Viewed` for pages, what rules match), else none.
 */
function nameOf(event: LeadEvent): string | null {
  if (event.type === 'track') return event.name;
  const name = event.payload.name;
  return (event.type === 'page' || event.type === 'screen') &&
    typeof name === 'string' &&
    name !== ''
    ? name
    : null;
}

function leadEventView(event: LeadEvent): LeadEventView {
  return {
    messageId: event.messageId,
    type: event.type,
    name: nameOf(event),
    properties: objectAt(event.payload, 'properties') ?? objectAt(event.payload, 'traits') ?? {},
    timestamp: new Date(event.time).toISOString(),
    receivedAt: new Date(event.receivedAt).toISOString(),
  };
}

/** One page of the lead's events before the cursor; StoreError 'not_found' for an unknown lead. */
export async function leadEventsPage(
  store: Store,
  ws: string,
  leadId: string,
  page: PageRequest,
): Promise<{ items: LeadEventView[]; next: string | null }> {
  const before = decodeCursor(leadEventPositionSchema, page.cursor, page.field);
  const rows = await store.transaction(async (tx) => {
    if (!(await tx.getLead(ws, leadId))) throw new StoreError('not_found', `no lead "${leadId}"`);
    return tx.listLeadEvents(ws, leadId, { limit: page.limit + 1, before });
  });
  const shown = pageOf(rows, page.limit, (e) => ({ time: e.time, seq: e.seq }));
  return { items: shown.rows.map(leadEventView), next: shown.next };
}

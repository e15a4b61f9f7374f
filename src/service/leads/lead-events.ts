// A lead's events for people to read, newest first: what the call was, its name, its properties
// (or traits, for identify and group calls), when it happened and when it arrived.
import type { LeadEvent, LeadEventPosition, StoreTx } from '../../store/port.js';

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

export function leadEventView(event: LeadEvent): LeadEventView {
  return {
    messageId: event.messageId,
    type: event.type,
    name: nameOf(event),
    properties: objectAt(event.payload, 'properties') ?? objectAt(event.payload, 'traits') ?? {},
    timestamp: new Date(event.time).toISOString(),
    receivedAt: new Date(event.receivedAt).toISOString(),
  };
}

/** Up to `limit` events before the position, newest first; undefined for an unknown lead. */
export async function leadEvents(
  tx: StoreTx,
  ws: string,
  leadId: string,
  page: { limit: number; before?: LeadEventPosition | undefined },
): Promise<LeadEvent[] | undefined> {
  if (!(await tx.getLead(ws, leadId))) return undefined;
  return tx.listLeadEvents(ws, leadId, page);
}

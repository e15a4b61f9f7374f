// The events row as both databases read it, and its mapping to the records: a lead's timeline
// entry (the dashboard) and the whole stored event (the event log), one mapping for both.
import type { NewEvent, StoredEvent } from '../records.js';
import type { Dialect } from './dialect.js';

/** The columns of a lead's timeline entry. */
export interface LeadEventColumns {
  seq: number;
  message_id: string;
  type: NewEvent['type'];
  name: string;
  time: number;
  received_at: number;
  /** Text on SQLite, parsed json on PostgreSQL. */
  payload: unknown;
}

export interface EventColumns extends LeadEventColumns {
  lead_id: string | null;
  anonymous_id: string | null;
}

export const LEAD_EVENT_COLUMNS = 'seq, message_id, type, name, time, received_at, payload';

export const EVENT_COLUMNS =
  'seq, message_id, lead_id, anonymous_id, type, name, time, received_at, payload';

/** A lead's timeline entry: the stored event without the ids it was sent with. */
export type LeadEventRecord = Omit<StoredEvent, 'leadId' | 'anonymousId'>;

export const toLeadEvent = (d: Dialect, r: LeadEventColumns): LeadEventRecord => ({
  seq: r.seq,
  messageId: r.message_id,
  type: r.type,
  name: r.name,
  time: r.time,
  receivedAt: r.received_at,
  payload: d.readObject(r.payload, 'a stored JSON object'),
});

export const toEvent = (d: Dialect, r: EventColumns): StoredEvent => ({
  ...toLeadEvent(d, r),
  leadId: r.lead_id,
  anonymousId: r.anonymous_id,
});

// An events CSV row (`lead_id,event,timestamp[,message_id]` plus `properties.*` columns) as an event.
import type { ScoringEvent } from '../core/event.js';
import { isMissing } from '../core/values.js';
import type { LeadEvent } from './segment-event.js';
import type { Parsed } from './reject.js';
import { setPath } from './set-path.js';
import { parseTimestamp } from './timestamp.js';

export const EVENT_CSV_REQUIRED = ['lead_id', 'event', 'timestamp'] as const;

/** Columns other than the reserved ones are kept by their dotted path (e.g. `properties.type`). */
export function eventFromCsvRecord(record: Record<string, string>): Parsed<LeadEvent> {
  const leadId = (record.lead_id ?? '').trim();
  if (leadId === '') return { ok: false, reason: 'lead_id is empty' };
  const name = record.event ?? '';
  if (name.trim() === '') return { ok: false, reason: 'event is empty', leadId };
  const stamp = parseTimestamp(record.timestamp);
  if (!stamp.ok) return { ok: false, reason: stamp.reason, leadId };
  const event: ScoringEvent = { event: name, time: stamp.time };
  const messageId = record.message_id ?? record.messageId;
  if (messageId !== undefined && messageId.trim() !== '') event.messageId = messageId.trim();
  for (const [column, value] of Object.entries(record)) {
    if (isMissing(value) || RESERVED.has(column)) continue;
    setPath(event, column.split('.'), value);
  }
  return { ok: true, value: { leadId, event } };
}

const RESERVED = new Set(['lead_id', 'event', 'timestamp', 'message_id', 'messageId']);

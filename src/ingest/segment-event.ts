// A Segment `track` (or `page`) call, as sent by Segment SDKs, turned into a scoring event.
import type { ScoringEvent } from '../core/event.js';
import { isRecord } from '../core/fields.js';
import type { Parsed } from './reject.js';
import { parseTimestamp } from './timestamp.js';

export interface LeadEvent {
  leadId: string;
  event: ScoringEvent;
}

/** `page` calls become `Page Viewed` events, as the Segment spec's destinations name them. */
export const PAGE_EVENT = 'Page Viewed';

export function eventFromSegment(message: unknown): Parsed<LeadEvent> {
  if (!isRecord(message))
    return { ok: false, reason: 'expected a JSON object (a Segment track call)' };
  const type = message.type ?? 'track';
  if (type !== 'track' && type !== 'page') {
    return {
      ok: false,
      reason: `type "${String(type)}" is not an event: expected "track" or "page"`,
    };
  }
  const userId = message.userId;
  if (typeof userId !== 'string' && typeof userId !== 'number') {
    return { ok: false, reason: 'no userId (the lead id)' };
  }
  const leadId = String(userId).trim();
  if (leadId === '') return { ok: false, reason: 'userId is empty' };
  let name: unknown = message.event;
  if (type === 'page') name = PAGE_EVENT;
  if (typeof name !== 'string' || name.trim() === '') {
    return { ok: false, reason: 'no event name (field "event")', leadId };
  }
  const properties = message.properties ?? {};
  if (!isRecord(properties)) return { ok: false, reason: 'properties must be an object', leadId };
  const stamp = parseTimestamp(message.timestamp ?? message.originalTimestamp);
  if (!stamp.ok) return { ok: false, reason: stamp.reason, leadId };
  const messageId = message.messageId;
  if (messageId !== undefined && messageId !== null && typeof messageId !== 'string') {
    return { ok: false, reason: 'messageId must be a text', leadId };
  }
  // The parsed message is ours: reuse it rather than copy it (10 million events per run).
  const event = message as ScoringEvent;
  event.event = name;
  event.time = stamp.time;
  event.properties = properties;
  if (typeof messageId !== 'string' || messageId === '') delete event.messageId;
  return { ok: true, value: { leadId, event } };
}

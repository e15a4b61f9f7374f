// Between stored events and the engine's events: what a track or page call stores, and how a
// stored event is scored again on replay.
import type { ScoringEvent } from '../../core/event.js';
import { isRecord } from '../../core/fields.js';
import type { PageMessage, SegmentMessage, TrackMessage } from '../../ingest/segment/index.js';
import type { NewEvent, StoredEvent } from '../../store/port.js';

/**
 * The payload keeps the message as received, with `properties` as scored (a page call's name
 * and category folded in), so that a replay from the store scores exactly what ingestion did.
 */
export function eventToStore(
  message: TrackMessage | PageMessage,
  messageId: string,
  leadId: string | null,
  time: number,
): NewEvent {
  return {
    messageId,
    leadId,
    anonymousId: message.anonymousId,
    type: message.type,
    name: message.event,
    time,
    receivedAt: message.receivedAt,
    payload: { ...message.raw, properties: message.properties, context: message.context },
  };
}

/** An identify, group or alias call is stored as received, named by its type. */
export function callToStore(
  message: Exclude<SegmentMessage, TrackMessage | PageMessage>,
  messageId: string,
  leadId: string | null,
  time: number,
): NewEvent {
  return {
    messageId,
    leadId,
    anonymousId: message.anonymousId,
    type: message.type,
    name: message.type,
    time,
    receivedAt: message.receivedAt,
    payload: message.raw,
  };
}

export function scoringEventOf(stored: StoredEvent): ScoringEvent {
  const { payload } = stored;
  return {
    event: stored.name,
    time: stored.time,
    messageId: stored.messageId,
    properties: isRecord(payload.properties) ? payload.properties : {},
    context: isRecord(payload.context) ? payload.context : {},
  };
}

/** Only track and page calls are behaviour the engagement rules score. */
export function isScoredType(type: StoredEvent['type']): boolean {
  return type === 'track' || type === 'page';
}

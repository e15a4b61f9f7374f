// Between stored events and the engine's events: what a call stores, and how a stored event is
// scored again on replay.
import type { ScoringEvent } from '../../core/event.js';
import { isRecord } from '../../core/fields.js';
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { NewEvent, StoredEvent } from '../../store/port.js';

/**
 * What a call stores. A track or page call is named by its event, and its payload keeps the
 * message as received with `properties` as scored (a page call's name and category folded in),
 * so that a replay from the store scores exactly what ingestion did. An identify, group or alias
 * call is stored as received, named by its type.
 */
export function callToStore(
  message: SegmentMessage,
  messageId: string,
  leadId: string | null,
  time: number,
): NewEvent {
  const scored = message.type === 'track' || message.type === 'page';
  return {
    messageId,
    leadId,
    anonymousId: message.anonymousId,
    type: message.type,
    name: scored ? message.event : message.type,
    time,
    receivedAt: message.receivedAt,
    payload: scored
      ? { ...message.raw, properties: message.properties, context: message.context }
      : message.raw,
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

// A normalised track or page message as the scoring engine's event.
import type { ScoringEvent } from '../../core/event.js';
import type { PageMessage, TrackMessage } from './message.js';

/**
 * Same meaning as the batch CLI's eventFromSegment: `page` is the `Page Viewed` event, rules'
 * `where` conditions read `properties.*` and `context.*`, and the messageId dedupes.
 */
export function toScoringEvent(message: TrackMessage | PageMessage): ScoringEvent {
  const event: ScoringEvent = {
    event: message.event,
    time: message.time,
    properties: message.properties,
    context: message.context,
  };
  if (message.messageId !== null) event.messageId = message.messageId;
  return event;
}

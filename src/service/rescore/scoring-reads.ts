// What a full rescore reads of each stored event: only the payload keys the model's rules look
// at, so that millions of events are not parsed whole for a name, a time and a few properties.
import type { CompiledModel } from '../../core/compile-model.js';
import type { Condition } from '../../core/condition-schema.js';
import type { ScoringEvent } from '../../core/event.js';
import { isRecord } from '../../core/fields.js';
import { EVENT_TYPES, type ScoringEventRow, type StoredEvent } from '../../store/port.js';
import { isScoredType } from '../scoring/stored-events.js';

/** The stored event types a replay scores. */
export const SCORED_TYPES: readonly StoredEvent['type'][] = EVENT_TYPES.filter(isScoredType);

/** The payload keys a scoring event is built from (see scoringEventOf). */
const PAYLOAD_KEYS = ['properties', 'context'] as const;

/**
 * The payload keys the model's `where` conditions can read: a field path's first segment. The
 * other keys of a scoring event come from columns (name, time, messageId).
 */
export function payloadKeysRead(compiled: CompiledModel): string[] {
  const read = new Set<string>();
  const visit = (condition: Condition): void => {
    if ('all' in condition) condition.all.forEach(visit);
    else if ('any' in condition) condition.any.forEach(visit);
    else if ('not' in condition) visit(condition.not);
    else read.add(condition.field.split('.')[0] ?? condition.field);
  };
  for (const rule of compiled.model.engagement.rules) if (rule.where) visit(rule.where);
  return PAYLOAD_KEYS.filter((key) => read.has(key));
}

/**
 * The engine's event for a row: what scoringEventOf makes of the whole stored event, for the
 * keys read (built here directly: one object less for each of millions of events).
 */
export function scoringEventOfRow(row: ScoringEventRow): ScoringEvent {
  const { payload } = row;
  return {
    event: row.name,
    time: row.time,
    messageId: row.messageId,
    properties: isRecord(payload.properties) ? payload.properties : {},
    context: isRecord(payload.context) ? payload.context : {},
  };
}

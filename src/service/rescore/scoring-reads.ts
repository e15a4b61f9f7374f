// What a full rescore reads of each stored event: only the payload keys the model's rules look
// at, so that millions of events are not parsed whole for a name, a time and a few properties.
import { eventKey, type CompiledModel } from '../../core/compile-model.js';
import type { Condition } from '../../core/condition-schema.js';
import type { ScoringEvent } from '../../core/event.js';
import { isRecord } from '../../core/fields.js';
import { EVENT_TYPES, type ScoringEventRow, type StoredEvent } from '../../store/port.js';
import { isScoredType } from '../scoring/stored-events.js';

/** The stored event types a replay scores. */
export const SCORED_TYPES: readonly StoredEvent['type'][] = EVENT_TYPES.filter(isScoredType);

/** The payload keys a scoring event is built from (see scoringEventOf). */
const PAYLOAD_KEYS = ['properties', 'context'] as const;

export interface PayloadReads {
  /** The payload keys `where` conditions can read: a field path's first segment. */
  payloadKeys: string[];
  /** The events (by rule key) whose rules have such a condition: no other needs a payload. */
  payloadFor: string[];
}

/**
 * What of the payload the model's rules can read (the other fields of a scoring event come from
 * columns: name, time, messageId), and for which events: a rule reads only events it matches.
 */
export function payloadReads(compiled: CompiledModel): PayloadReads {
  const keys = new Set<string>();
  const events = new Set<string>();
  const visit = (condition: Condition, into: Set<string>): void => {
    if ('all' in condition) condition.all.forEach((c) => visit(c, into));
    else if ('any' in condition) condition.any.forEach((c) => visit(c, into));
    else if ('not' in condition) visit(condition.not, into);
    else into.add(condition.field.split('.')[0] ?? condition.field);
  };
  for (const rule of compiled.model.engagement.rules) {
    if (!rule.where) continue;
    const read = new Set<string>();
    visit(rule.where, read);
    const used = PAYLOAD_KEYS.filter((key) => read.has(key));
    used.forEach((key) => keys.add(key));
    if (used.length > 0) events.add(eventKey(rule.event));
  }
  return { payloadKeys: PAYLOAD_KEYS.filter((key) => keys.has(key)), payloadFor: [...events] };
}

/** Shared by the events without properties or context: conditions only read them. */
const NONE: Record<string, unknown> = Object.freeze({});

/**
 * The engine's event for a row: what scoringEventOf makes of the whole stored event, for the
 * keys read (built here directly: fewer objects for each of millions of events).
 */
export function scoringEventOfRow(row: ScoringEventRow): ScoringEvent {
  const { payload } = row;
  return {
    event: row.name,
    time: row.time,
    messageId: row.messageId,
    properties: isRecord(payload.properties) ? payload.properties : NONE,
    context: isRecord(payload.context) ? payload.context : NONE,
  };
}

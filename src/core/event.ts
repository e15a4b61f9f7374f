// The engagement event as the engine sees it, and which rules it matches.
import { z } from 'zod';
import { eventKey, type CompiledModel, type CompiledRule } from './compile-model.js';

/**
 * An event: its name, its time in epoch milliseconds, an optional messageId (the same id twice
 * is one event) and whatever else the source sent (`properties`, `context`, ...), which rule
 * `where` conditions read by path.
 */
export const scoringEventSchema = z.looseObject({
  event: z.string(),
  time: z.number(),
  messageId: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

export type ScoringEvent = z.infer<typeof scoringEventSchema>;

const NONE: readonly CompiledRule[] = [];

/** The rules an event matches: same name (ignoring case and outer spaces) and `where` holds. */
export function matchRules(compiled: CompiledModel, event: ScoringEvent): readonly CompiledRule[] {
  const candidates = compiled.rulesByEvent.get(eventKey(event.event));
  if (!candidates) return NONE;
  if (candidates.every((r) => r.where === undefined || r.where(event))) return candidates;
  return candidates.filter((r) => r.where === undefined || r.where(event));
}

// The demo's score history: each synthetic lead's events replayed in time order by the engine,
// with an entry (cause `event`, at the event's time) wherever a user would have seen a change —
// what live ingestion would have recorded had the six months of events arrived as they happened,
// so that trends, history charts and the transitions feed have something to show.
import type { CompiledModel } from '../../core/compile-model.js';
import { evaluateFit } from '../../core/fit.js';
import { applyEvent, initialState, readState } from '../../core/score-state.js';
import type { HistoryEntry, JsonObject, NewEvent } from '../../store/port.js';
import { leadRecord } from '../scoring/lead-record.js';
import { isVisibleChange, summarize, type ScoreSummary } from '../scoring/score-change.js';
import { scoringEventOf } from '../scoring/stored-events.js';

export function demoHistory(
  compiled: CompiledModel,
  version: number,
  leads: readonly (readonly [string, JsonObject])[],
  events: readonly NewEvent[],
): HistoryEntry[] {
  const byLead = new Map<string, NewEvent[]>();
  for (const e of events) {
    if (e.leadId === null) continue;
    const list = byLead.get(e.leadId);
    if (list) list.push(e);
    else byLead.set(e.leadId, [e]);
  }
  const entries: HistoryEntry[] = [];
  for (const [id, traits] of leads) {
    const own = (byLead.get(id) ?? []).sort((a, b) => a.time - b.time);
    let state = initialState(compiled, evaluateFit(compiled, leadRecord(id, traits, undefined)));
    let previous: ScoreSummary | undefined;
    const seen = new Set<string>();
    for (const stored of own) {
      // A retried call (same messageId) is stored and scored once.
      if (seen.has(stored.messageId)) continue;
      seen.add(stored.messageId);
      const applied = applyEvent(compiled, state, scoringEventOf({ ...stored, seq: 0 }));
      if (!applied.ok) continue;
      state = applied.state;
      const next = summarize(readState(compiled, state, stored.time));
      if (!isVisibleChange(previous, next)) continue;
      entries.push({
        leadId: id,
        at: stored.time,
        cause: 'event',
        causeRef: stored.messageId,
        modelVersion: version,
        ...next,
        previous: previous ?? null,
      });
      previous = next;
    }
  }
  return entries.sort((a, b) => a.at - b.at);
}

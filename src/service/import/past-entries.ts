// The score history of a lead's imported past: its events replayed in time order by the engine,
// with an entry (cause `event`, at the event's time) wherever a user would have seen a change, as
// live ingestion would have recorded had the events arrived as they happened.
import type { ScoringEvent } from '../../core/event.js';
import type { FitResult } from '../../core/fit.js';
import { applyEvent, initialState, readState } from '../../core/score-state.js';
import type { HistoryEntry } from '../../store/port.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { isVisibleChange, summarize, type ScoreSummary } from '../scoring/score-change.js';

export function pastEntries(
  scoring: ActiveScoring,
  fit: FitResult,
  leadId: string,
  history: readonly ScoringEvent[],
): HistoryEntry[] {
  const { compiled } = scoring;
  const ordered = [...history].sort((a, b) => a.time - b.time);
  let state = initialState(compiled, fit);
  let previous: ScoreSummary | undefined;
  const entries: HistoryEntry[] = [];
  for (const event of ordered) {
    const applied = applyEvent(compiled, state, event);
    if (!applied.ok) continue;
    state = applied.state;
    const next = summarize(readState(compiled, state, event.time));
    if (!isVisibleChange(previous, next)) continue;
    entries.push({
      leadId,
      at: event.time,
      cause: 'event',
      causeRef: event.messageId ?? null,
      modelVersion: scoring.version,
      ...next,
      previous: previous ?? null,
    });
    previous = next;
  }
  return entries;
}

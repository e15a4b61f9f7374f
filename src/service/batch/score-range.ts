// Scores leads [from, to) of a batch run: the one loop both the main thread and a scoring
// thread run, so every lead is scored the same way whichever thread takes it.
import type { CompiledModel } from '../../core/compile-model.js';
import type { LeadScore } from '../../core/lead-score.js';
import { scoreMatches } from '../../core/score-matches.js';
import type { EventTable, LeadEventCounts } from './event-table.js';
import { fitAt, type FitColumns } from './lead-table.js';

export async function scoreRange(
  compiled: CompiledModel,
  fits: FitColumns,
  events: EventTable,
  range: { from: number; to: number; asOf: number; explain: boolean },
  counts: LeadEventCounts,
  emit: (lead: number, score: LeadScore) => void | Promise<void>,
): Promise<void> {
  for (let lead = range.from; lead < range.to; lead++) {
    const matches = events.matchesOf(lead, range.asOf, counts);
    const score = scoreMatches(compiled, fitAt(fits, lead), matches, range.asOf, {
      explain: range.explain,
    });
    const pending = emit(lead, score);
    if (pending) await pending;
  }
}

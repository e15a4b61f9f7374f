// Walks every stored scoring event of a workspace once, lead by lead, and hands each lead of a
// given set its time-ordered history: what a full rescore and a backtest replay models over.
import { eventKey, type CompiledModel } from '../../core/compile-model.js';
import type { ScoringEvent } from '../../core/event.js';
import type { EventPosition, ScoringEventPage, Store } from '../../store/port.js';
import { payloadReads, SCORED_TYPES, scoringEventOfRow } from './scoring-reads.js';

/** Events per page: large enough that round trips to PostgreSQL do not show. */
const PAGE = 5000;

/**
 * Calls `visit` once for every id in `leadIds`, with the lead's events that a rule of any of the
 * models matches (leads without one last, with none). Events of other leads are skipped.
 */
export async function replayHistories(
  store: Store,
  ws: string,
  models: readonly CompiledModel[],
  leadIds: ReadonlySet<string>,
  visit: (leadId: string, history: ScoringEvent[]) => Promise<void> | void,
): Promise<{ events: number }> {
  const reads = mergedReads(models);
  const matched = (name: string) => {
    const key = eventKey(name);
    return models.some((m) => m.rulesByEvent.has(key));
  };
  const page = (after: EventPosition | null) => {
    const read = store.scoringEventsPage(ws, { after, limit: PAGE, types: SCORED_TYPES, ...reads });
    // Awaited on the next turn of the loop; this only keeps a failure from going unhandled.
    read.catch(() => undefined);
    return read;
  };
  const visited = new Set<string>();
  let events = 0;
  // Events come ordered by lead; a lead's events may straddle two pages.
  let currentId: string | undefined;
  let history: ScoringEvent[] = [];
  const flush = async () => {
    if (currentId === undefined || !leadIds.has(currentId)) return;
    visited.add(currentId);
    await visit(currentId, history);
  };
  let pending: Promise<ScoringEventPage> | undefined = page(null);
  while (pending) {
    const { events: rows, next }: ScoringEventPage = await pending;
    // Ask for the next page before scoring this one: PostgreSQL reads it meanwhile.
    pending = next ? page(next) : undefined;
    for (const row of rows) {
      events++;
      if (row.leadId !== currentId) {
        await flush();
        currentId = row.leadId;
        history = [];
      }
      // An event no rule matches changes no state: it need not be built.
      if (leadIds.has(row.leadId) && matched(row.name)) history.push(scoringEventOfRow(row));
    }
  }
  await flush();
  for (const id of leadIds) if (!visited.has(id)) await visit(id, []);
  return { events };
}

/** The payload keys and events any of the models reads. */
function mergedReads(models: readonly CompiledModel[]) {
  const keys = new Set<string>();
  const events = new Set<string>();
  for (const model of models) {
    const reads = payloadReads(model);
    reads.payloadKeys.forEach((k) => keys.add(k));
    reads.payloadFor.forEach((e) => events.add(e));
  }
  return { payloadKeys: [...keys], payloadFor: [...events] };
}

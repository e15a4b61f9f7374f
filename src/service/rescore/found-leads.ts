// Every lead of a workspace with what its stored score shows now: the starting point of a full
// rescore and of a backtest.
import type { Adjustment } from '../../core/manual-adjustment.js';
import type { Lead, Store } from '../../store/port.js';
import type { ScoreSummary } from '../scoring/score-change.js';
import type { PreviousScores } from './model-change.js';

/** A lead as a pass found it: its traits, and what it showed before (none if unscored). */
export interface Found {
  lead: Lead;
  previous: ScoreSummary | undefined;
  /** Its manual adjustments: a rescore keeps them. */
  manual: Adjustment[] | undefined;
}

export async function findLeads(
  store: Store,
  ws: string,
  previous: PreviousScores,
): Promise<Map<string, Found>> {
  const found = new Map<string, Found>();
  let after: string | undefined;
  do {
    const page = await store.listLeads(ws, {
      sort: 'updatedAt',
      direction: 'asc',
      limit: 1000,
      ...(after ? { after } : {}),
    });
    // From the table, not the stored state: a lead adjusted while no model was active has none.
    const manual = await store.adjustmentsOfLeads(
      ws,
      page.items.map((i) => i.lead.id),
    );
    for (const { lead, score } of page.items)
      found.set(lead.id, {
        lead,
        previous: score ? await previous.of(store, score) : undefined,
        manual: manual.get(lead.id),
      });
    after = page.next ?? undefined;
  } while (after);
  return found;
}

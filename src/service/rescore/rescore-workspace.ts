// Scores every lead of a workspace with one model version, from the stored traits and events,
// and makes that version active for all leads at once, in one transaction at the end.
import { evaluateFit } from '../../core/fit.js';
import type { Store } from '../../store/port.js';
import type { ActiveModels, ActiveScoring } from '../scoring/active-model.js';
import { stateFromHistory } from '../scoring/advance-state.js';
import { leadRecord } from '../scoring/lead-record.js';
import { scoredRow } from '../scoring/lead-scoring.js';
import { modelChangeEntry, PreviousScores } from './model-change.js';
import { CompanyTraits } from './company-traits.js';
import { findLeads } from './found-leads.js';
import { replayHistories } from './replay-histories.js';
import { switchOver, type Rescored } from './switch-over.js';

export interface RescoreProgress {
  leads: number;
  total: number;
}

export async function rescoreWorkspace(
  store: Store,
  models: ActiveModels,
  ws: string,
  version: number,
  now: number,
  onProgress?: (progress: RescoreProgress) => void,
): Promise<{ leads: number; events: number }> {
  const stored = await store.getModel(ws, version);
  if (!stored) throw new Error(`model version ${version} does not exist`);
  // The job reads every event in order: with stale statistics PostgreSQL pages it far slower.
  await store.analyze();
  const scoring: ActiveScoring = { version, compiled: models.compile(ws, version, stored.spec) };
  const previous = new PreviousScores(models, ws, now);
  const found = await findLeads(store, ws, previous);
  const total = found.size;
  const rescored = new Map<string, Rescored>();
  const companies = new CompanyTraits(store, ws);

  const { events } = await replayHistories(
    store,
    ws,
    [scoring.compiled],
    new Set(found.keys()),
    async (leadId, history) => {
      const { lead, previous: before, manual } = found.get(leadId)!;
      const record = leadRecord(lead.id, lead.traits, await companies.of(lead));
      const fit = evaluateFit(scoring.compiled, record);
      const state = stateFromHistory(scoring.compiled, fit, history, manual);
      const next = scoredRow(scoring, lead.id, state, now);
      rescored.set(lead.id, { row: next.row, entry: modelChangeEntry(scoring, before, next, now) });
      if (rescored.size % 1000 === 0) onProgress?.({ leads: rescored.size, total });
    },
  );

  const switched = await switchOver(store, { ws, scoring, now, previous, rescored });
  onProgress?.({ leads: switched, total: switched });
  return { leads: switched, events };
}

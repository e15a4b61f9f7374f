// One lead as the API shows it: its explained score as of now and, beside it, the active
// predictive model's view of it.
import { StoreError, type Store } from '../../store/port.js';
import { leadPrediction, type LeadPrediction } from '../predictive/lead-prediction.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { leadView, type LeadView } from './lead-view.js';

export type LeadDetails = LeadView & { prediction: LeadPrediction | null };

/** StoreError 'not_found' for an unknown (or erased) lead. */
export async function leadDetails(
  store: Store,
  models: ActiveModels,
  ws: string,
  id: string,
  now: number,
): Promise<LeadDetails> {
  const view = await leadView(store, models, ws, id, now);
  if (!view) throw new StoreError('not_found', `no lead "${id}"`);
  return { ...view, prediction: await leadPrediction(store, ws, view) };
}

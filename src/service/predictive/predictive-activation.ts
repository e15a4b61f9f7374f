// Choosing which trained predictive version's probability is shown beside each lead's score.
import { StoreError, type Store } from '../../store/port.js';

/** Throws StoreError 'not_found' for a version the workspace does not have. */
export async function activatePredictiveVersion(
  store: Store,
  ws: string,
  version: number,
): Promise<void> {
  if (!(await store.activatePredictiveModel(ws, version)))
    throw new StoreError('not_found', `no predictive model ${version}`);
}

/** No probability shown any more (nothing to do when none was). */
export async function deactivatePredictive(store: Store, ws: string): Promise<void> {
  await store.activatePredictiveModel(ws, null);
}

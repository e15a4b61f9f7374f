// Choosing which trained predictive version's probability is shown beside each lead's score: a
// version graded poor is refused unless the caller overrides, knowing why.
import { readinessOfReport } from '../../ml/readiness-report.js';
import { StoreError, type Store } from '../../store/port.js';
import { artifactOf } from './lead-prediction.js';

/**
 * Throws StoreError 'not_found' for a version the workspace does not have, and 'conflict' for
 * one whose readiness is poor when `override` is not set.
 */
export async function activatePredictiveVersion(
  store: Store,
  ws: string,
  version: number,
  override = false,
): Promise<void> {
  if (!override) {
    const document = await store.getPredictiveModel(ws, version);
    if (!document) throw new StoreError('not_found', `no predictive model ${version}`);
    const readiness = readinessOfReport(artifactOf(store, ws, version, document).report);
    if (readiness.grade === 'poor') {
      throw new StoreError(
        'conflict',
        `predictive model ${version} is graded poor: ${readiness.reason}; activate it with ` +
          `{ "override": true } to show its probabilities anyway`,
      );
    }
  }
  if (!(await store.activatePredictiveModel(ws, version)))
    throw new StoreError('not_found', `no predictive model ${version}`);
}

/** No probability shown any more (nothing to do when none was). */
export async function deactivatePredictive(store: Store, ws: string): Promise<void> {
  await store.activatePredictiveModel(ws, null);
}

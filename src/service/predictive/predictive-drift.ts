// Drift of a predictive version (the active one unless named): the PSI of its predicted
// probability and of its most influential columns between the leads it was trained on and the
// stored leads now, read as training read them.
import { measureDrift, type DriftItem } from '../../ml/drift.js';
import { PSI_WARNING } from '../../ml/psi.js';
import { StoreError, type Store } from '../../store/port.js';
import { storedDataset } from '../analytics/stored-dataset.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { artifactOf } from './lead-prediction.js';

export interface PredictiveDrift {
  version: number;
  threshold: number;
  /** Null for a version trained before baselines were kept: `reason` says so. */
  baseline: { leads: number } | null;
  reason: string | null;
  leads: number;
  probability: DriftItem | null;
  features: (DriftItem & { column: string })[];
}

/** Throws StoreError 'not_found' for an unknown version, or when none is named and none is active. */
export async function predictiveDrift(
  store: Store,
  models: ActiveModels,
  ws: string,
  version: number | undefined,
  now: number,
): Promise<PredictiveDrift> {
  const chosen = version ?? (await store.activePredictiveModel(ws))?.version;
  if (chosen === undefined) {
    throw new StoreError(
      'not_found',
      'no active predictive model: activate one or name a version with ?version=',
    );
  }
  const document = await store.getPredictiveModel(ws, chosen);
  if (!document) throw new StoreError('not_found', `no predictive model ${chosen}`);
  const artifact = artifactOf(store, ws, chosen, document);
  const empty = { version: chosen, threshold: PSI_WARNING, probability: null, features: [] };
  if (!artifact.drift) {
    return {
      ...empty,
      baseline: null,
      reason: `no baseline: predictive model ${chosen} was trained before training-time distributions were kept; train a new version to measure drift`,
      leads: 0,
    };
  }
  const { dataset } = await storedDataset(store, models, ws, now);
  const drift = measureDrift(artifact, artifact.drift, dataset);
  return {
    ...empty,
    baseline: { leads: drift.baselineRows },
    reason: null,
    leads: drift.rows,
    probability: drift.probability,
    features: drift.features,
  };
}

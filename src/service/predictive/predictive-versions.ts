// The workspace's trained predictive versions: the list (with the active one) and one version
// with its training report and probability bands.
import type { Artifact } from '../../ml/artifact-schema.js';
import { StoreError, type PredictiveModelSummary, type Store } from '../../store/port.js';
import { artifactOf } from './lead-prediction.js';

/** Oldest first, with the active version (null when none is). */
export async function listPredictiveVersions(
  store: Store,
  ws: string,
): Promise<{ active: number | null; items: PredictiveModelSummary[] }> {
  const items = await store.listPredictiveModels(ws);
  return { active: items.find((m) => m.active)?.version ?? null, items };
}

export type PredictiveVersion = PredictiveModelSummary & Pick<Artifact, 'report' | 'bands'>;

/** Throws StoreError 'not_found' for a version the workspace does not have. */
export async function getPredictiveVersion(
  store: Store,
  ws: string,
  version: number,
): Promise<PredictiveVersion> {
  const summary = (await store.listPredictiveModels(ws)).find((m) => m.version === version);
  const document = await store.getPredictiveModel(ws, version);
  if (!summary || !document) throw new StoreError('not_found', `no predictive model ${version}`);
  const { report, bands } = artifactOf(store, ws, version, document);
  return { ...summary, report, bands };
}

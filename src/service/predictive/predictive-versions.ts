// The workspace's trained predictive versions: the list (with the active one) and one version
// with its training report and probability bands.
import type { Artifact } from '../../ml/artifact-schema.js';
import { readinessOfMetrics, readinessOfReport } from '../../ml/readiness-report.js';
import type { Readiness } from '../../ml/readiness.js';
import {
  StoreError,
  type JsonObject,
  type PredictiveModelSummary,
  type Store,
} from '../../store/port.js';
import { artifactOf } from './lead-prediction.js';
import { predictiveDocumentSchema, type PredictiveDocument } from './predictive-document.js';

/** Oldest first, with the active version (null when none is). */
export async function listPredictiveVersions(
  store: Store,
  ws: string,
): Promise<{
  active: number | null;
  items: (PredictiveModelSummary & { readiness: Readiness })[];
}> {
  const items = (await store.listPredictiveModels(ws)).map((m) => ({
    ...m,
    readiness: readinessOfMetrics(m.metrics),
  }));
  return { active: items.find((m) => m.active)?.version ?? null, items };
}

export type PredictiveVersion = PredictiveModelSummary & { readiness: Readiness } & Pick<
    Artifact,
    'report' | 'bands'
  > &
  Pick<PredictiveDocument, 'roc' | 'lift'>;

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
  // The curves are stored beside the artifact; older versions have none (their page says so).
  const { roc, lift } = curvesOf(document);
  const readiness = readinessOfReport(report);
  return { ...summary, readiness, report, bands, ...(roc && { roc }), ...(lift && { lift }) };
}

/** The stored curves only: the artifact is parsed (once) by artifactOf. */
const curvesSchema = predictiveDocumentSchema.pick({ roc: true, lift: true });

function curvesOf(document: JsonObject): Pick<PredictiveDocument, 'roc' | 'lift'> {
  return curvesSchema.parse(document);
}

// Predictive scoring over the stored leads as a background job: the leads with a known outcome
// train a model (logistic regression or gradient-boosted trees) on their traits and behaviour
// before the outcome; the artifact is stored as the next predictive version (not active) and the
// job's result is its report with the held-out curves for charts.
import type { ModelKind } from '../../ml/artifact-schema.js';
import type { Job, JsonObject, Store } from '../../store/port.js';
import { startReadOnlyJob } from '../jobs/read-only-job.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { storedDataset } from '../analytics/stored-dataset.js';
import { trainVersion } from './train-version.js';

export const TRAINING_JOB = 'train-predictive';

export function startTraining(
  store: Store,
  models: ActiveModels,
  ws: string,
  kind: ModelKind,
  clock: () => number,
): Promise<{ job: Job; running: Promise<void> }> {
  return startReadOnlyJob(store, ws, `${TRAINING_JOB}:${kind}`, clock, async (progress) => {
    const read = await storedDataset(store, models, ws, clock(), progress);
    const { version, artifact, roc, lift, seconds } = await trainVersion(
      store,
      ws,
      read,
      kind,
      clock(),
    );
    progress(read.leads, read.leads);
    const result = {
      version,
      kind,
      leads: read.leads,
      seconds,
      report: artifact.report,
      bands: artifact.bands,
      roc,
      lift,
    };
    return JSON.parse(JSON.stringify(result)) as JsonObject;
  });
}

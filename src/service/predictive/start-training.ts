// Predictive scoring over the stored leads as a background job: the leads with a known outcome
// train a model (logistic regression or gradient-boosted trees) on their traits and behaviour
// before the outcome; the artifact is stored as the next predictive version (not active) and the
// job's result is its report with the held-out curves for charts.
import { liftCurve, rocCurve } from '../../ml/curves.js';
import type { ModelKind } from '../../ml/artifact-schema.js';
import { driftBaseline } from '../../ml/drift.js';
import { isHeldOut } from '../../ml/holdout.js';
import { predictRows } from '../../ml/predict.js';
import { DEFAULT_POSITIVE, labelOf } from '../../ml/target.js';
import { trainModel } from '../../ml/train.js';
import type { Job, JsonObject, Store } from '../../store/port.js';
import { startReadOnlyJob } from '../jobs/read-only-job.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { SEGMENT, TARGET } from '../analytics/lead-features.js';
import { storedDataset } from '../analytics/stored-dataset.js';
import type { PredictiveDocument } from './predictive-document.js';

export const TRAINING_JOB = 'train-predictive';

export function startTraining(
  store: Store,
  models: ActiveModels,
  ws: string,
  kind: ModelKind,
  clock: () => number,
): Promise<{ job: Job; running: Promise<void> }> {
  return startReadOnlyJob(store, ws, `${TRAINING_JOB}:${kind}`, clock, async (progress) => {
    const { dataset, ids, leads } = await storedDataset(store, models, ws, clock(), progress);
    const started = Date.now();
    // The segment now is partly made by what happened after the outcome: it would leak.
    const trained = trainModel(dataset, { target: TARGET, kind, exclude: [SEGMENT] });
    // Every lead now, labelled or not, is the population whose drift is measured later.
    const artifact = { ...trained, drift: driftBaseline(trained, dataset) };
    const seconds = (Date.now() - started) / 1000;

    // The held-out rows, picked as training picked them: every fifth labelled row by position.
    const target = dataset.columns.indexOf(TARGET);
    const heldOut = { ...dataset, rows: [] as string[][] };
    const labels: number[] = [];
    const heldOutLeads: string[] = [];
    let labelled = 0;
    dataset.rows.forEach((row, i) => {
      const y = labelOf(row[target]!, DEFAULT_POSITIVE);
      if (y === undefined || !isHeldOut(labelled++)) return;
      heldOut.rows.push(row);
      labels.push(y);
      heldOutLeads.push(ids[i]!);
    });
    const probabilities = predictRows(artifact, heldOut, 0).map((p) => p.probability);
    const roc = rocCurve(labels, probabilities);
    const lift = liftCurve(labels, probabilities);
    const document: PredictiveDocument = { artifact, heldOutLeads, roc, lift };
    const version = await store.addPredictiveModel(
      ws,
      {
        kind,
        document: document as unknown as JsonObject,
        // The grade rides with the metrics so the list of versions shows it without artifacts.
        metrics: {
          ...artifact.report.metrics,
          ...(artifact.report.readiness && { readiness: artifact.report.readiness }),
        } as unknown as JsonObject,
      },
      clock(),
    );
    progress(leads, leads);
    const result = {
      version,
      kind,
      leads,
      seconds,
      report: artifact.report,
      bands: artifact.bands,
      roc,
      lift,
    };
    return JSON.parse(JSON.stringify(result)) as JsonObject;
  });
}

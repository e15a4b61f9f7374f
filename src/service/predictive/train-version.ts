// Trains a predictive model on the stored leads read as a dataset and stores it as the next
// version (not active): the artifact with its drift baseline, the held-out leads (picked as
// training picked them) and the held-out curves. Shared by the training job and retraining.
import type { ModelKind } from '../../ml/artifact-schema.js';
import { liftCurve, rocCurve } from '../../ml/curves.js';
import { driftBaseline } from '../../ml/drift.js';
import { isHeldOut } from '../../ml/holdout.js';
import { predictRows } from '../../ml/predict.js';
import type { Dataset } from '../../ml/read-dataset.js';
import { DEFAULT_POSITIVE, labelOf } from '../../ml/target.js';
import { trainModel } from '../../ml/train.js';
import type { JsonObject, Store } from '../../store/port.js';
import { SEGMENT, TARGET } from '../analytics/lead-features.js';
import type { PredictiveDocument } from './predictive-document.js';

export interface HeldOut {
  dataset: Dataset;
  labels: number[];
  leads: string[];
}

/** The held-out rows of `dataset`: every fifth labelled row by position, as training picks. */
export function heldOutRows(dataset: Dataset, ids: string[]): HeldOut {
  const target = dataset.columns.indexOf(TARGET);
  const rows: string[][] = [];
  const labels: number[] = [];
  const leads: string[] = [];
  let labelled = 0;
  dataset.rows.forEach((row, i) => {
    const y = labelOf(row[target]!, DEFAULT_POSITIVE);
    if (y === undefined || !isHeldOut(labelled++)) return;
    rows.push(row);
    labels.push(y);
    leads.push(ids[i]!);
  });
  return { dataset: { ...dataset, rows }, labels, leads };
}

export async function trainVersion(
  store: Store,
  ws: string,
  read: { dataset: Dataset; ids: string[] },
  kind: ModelKind,
  now: number,
) {
  const { dataset, ids } = read;
  const started = Date.now();
  // The segment now is partly made by what happened after the outcome: it would leak.
  const trained = trainModel(dataset, { target: TARGET, kind, exclude: [SEGMENT] });
  // Every lead now, labelled or not, is the population whose drift is measured later.
  const artifact = { ...trained, drift: driftBaseline(trained, dataset) };
  const seconds = (Date.now() - started) / 1000;
  const heldOut = heldOutRows(dataset, ids);
  const probabilities = predictRows(artifact, heldOut.dataset, 0).map((p) => p.probability);
  const roc = rocCurve(heldOut.labels, probabilities);
  const lift = liftCurve(heldOut.labels, probabilities);
  const document: PredictiveDocument = { artifact, heldOutLeads: heldOut.leads, roc, lift };
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
    now,
  );
  return { version, artifact, heldOut, roc, lift, seconds };
}

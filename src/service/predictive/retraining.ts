// One retraining run: a challenger of the active version's kind trained on the latest outcomes,
// both judged by ROC AUC on the challenger's held-out leads (which the challenger's held-out
// figures did not learn from; the active version may have: the comparison favours keeping it),
// the challenger activated only when not worse by the workspace's rule, and the run recorded.
import { rocAuc } from '../../ml/metrics.js';
import { predictRows } from '../../ml/predict.js';
import type { RetrainingRun, RetrainingSchedule, Store } from '../../store/port.js';
import { storedDataset } from '../analytics/stored-dataset.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { artifactOf } from './lead-prediction.js';
import { activatePredictiveVersion } from './predictive-activation.js';
import { trainVersion } from './train-version.js';

const fixed = (auc: number | null) => (auc === null ? 'none' : auc.toFixed(4));

export async function runRetraining(
  store: Store,
  models: ActiveModels,
  ws: string,
  rule: RetrainingSchedule['rule'],
  now: number,
): Promise<RetrainingRun & { seq: number }> {
  const record = async (run: RetrainingRun) => ({
    seq: await store.addRetrainingRun(ws, run),
    ...run,
  });
  const empty = { at: now, challengerVersion: null, activeAuc: null, challengerAuc: null };
  const active = await store.activePredictiveModel(ws);
  if (!active) {
    return record({
      ...empty,
      activeVersion: null,
      heldOut: 0,
      decision: 'failed',
      reason: 'no active predictive model to challenge: activate one first',
    });
  }
  const current = artifactOf(store, ws, active.version, active.document);
  let trained;
  try {
    const read = await storedDataset(store, models, ws, now);
    trained = await trainVersion(store, ws, read, current.model.kind, now);
  } catch (error) {
    return record({
      ...empty,
      activeVersion: active.version,
      heldOut: 0,
      decision: 'failed',
      reason: `training the challenger failed: ${(error as Error).message}`,
    });
  }
  const { heldOut, artifact, version } = trained;
  const labels = Uint8Array.from(heldOut.labels);
  const both = labels.some((y) => y === 1) && labels.some((y) => y === 0);
  const activeAuc = both
    ? rocAuc(
        labels,
        Float64Array.from(predictRows(current, heldOut.dataset, 0), (p) => p.probability),
      )
    : null;
  // Before the refit on every row, as the held-out report measured it (small data: the split's).
  const report = artifact.report;
  const challengerAuc = report.crossValidation?.heldOutRocAuc ?? report.metrics.rocAuc;
  const base = {
    at: now,
    activeVersion: active.version,
    challengerVersion: version,
    activeAuc,
    challengerAuc,
    heldOut: labels.length,
  };
  if (activeAuc === null || challengerAuc === null) {
    return record({
      ...base,
      decision: 'kept',
      reason: 'the held-out leads lack a converter or a non-converter: no ROC AUC to compare',
    });
  }
  const compared = `challenger ROC AUC ${fixed(challengerAuc)} against active ${fixed(activeAuc)} on ${labels.length} held-out leads, allowed drop ${rule.maxAucDrop}`;
  if (challengerAuc < activeAuc - rule.maxAucDrop) {
    return record({ ...base, decision: 'kept', reason: `${compared}: worse, kept the active` });
  }
  try {
    await activatePredictiveVersion(store, ws, version);
  } catch (error) {
    return record({
      ...base,
      decision: 'kept',
      reason: `${compared}: not worse, but not activated: ${(error as Error).message}`,
    });
  }
  return record({ ...base, decision: 'activated', reason: `${compared}: not worse, activated` });
}

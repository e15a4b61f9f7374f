// Honest figures for a trained artifact: below SMALL_DATA_ROWS labelled rows, cross-validated
// metrics with their spread and probabilities calibrated on out-of-fold margins; always, the
// readiness grade.
import type { Artifact, Report } from './artifact-schema.js';
import { calibrate, fitPlatt, foldCalibration } from './calibration.js';
import { crossValidate, spread } from './cross-validation.js';
import { encodeRows, fitEncoding } from './encoding.js';
import { fitBoosted } from './gbdt.js';
import { fitLogistic, linearMargins } from './logistic-regression.js';
import { averagePrecision, brier, calibrationTable, lift, logLoss, rocAuc } from './metrics.js';
import { readinessOf } from './readiness.js';
import { forestMargins } from './tree-predict.js';

/**
 * Below this many labelled rows the 20% held-out split is under 400 leads (at 90 rows, 18):
 * one AUC from it can be off by 0.1 or more, and a model's own probabilities are not to be
 * trusted uncalibrated. There, every labelled row is cross-validated and the probabilities
 * calibrated out of fold; 5 fits of a few thousand rows cost well under a second.
 */
export const SMALL_DATA_ROWS = 2_000;

export interface LabelledRows {
  /** Every labelled row (training and held-out), with its outcome. */
  rows: { row: string[]; y: 0 | 1 }[];
  /** The dataset's column names, and the feature columns (name and position) training used. */
  columns: string[];
  features: { name: string; c: number }[];
}

export function honestArtifact(artifact: Artifact, data: LabelledRows): Artifact {
  if (data.rows.length >= SMALL_DATA_ROWS) {
    const readiness = readinessOf(artifact.report.metrics.rocAuc, 'held-out');
    return { ...artifact, report: { ...artifact.report, readiness } };
  }
  const labels = Uint8Array.from(data.rows, (r) => r.y);
  const cv = crossValidate(labels, (trainRows) => fitFold(artifact.model.kind, data, trainRows));
  const calibration = fitPlatt(cv.margins, labels);
  const probabilities = cv.margins.map((m) =>
    sigmoid(calibration.slope * m + calibration.intercept),
  );
  const converted = labels.reduce((a, b) => a + b, 0);
  // Training refuses fewer than 40 of each outcome, so every stratified fold has both.
  const both = converted > 0 && converted < labels.length;
  const auc = spread(cv.foldAuc) ?? { mean: both ? rocAuc(labels, probabilities) : 0.5, sd: 0 };
  const metrics: Report['metrics'] = {
    rocAuc: auc.mean,
    prAuc: both ? averagePrecision(labels, probabilities) : null,
    logLoss: logLoss(labels, probabilities),
    brier: brier(labels, probabilities),
    liftTop10: both ? lift(labels, probabilities, 0.1) : null,
    baseRate: converted / labels.length,
  };
  const report: Report = {
    ...artifact.report,
    metrics,
    calibration: calibrationTable(labels, probabilities, 10),
    // Contributions scale with the slope once it is folded into the model.
    influential: artifact.report.influential.map((r) => ({
      ...r,
      meanAbsContribution: r.meanAbsContribution * calibration.slope,
    })),
    crossValidation: {
      folds: cv.folds,
      seed: cv.seed,
      rows: labels.length,
      converted,
      rocAuc: { ...auc, folds: cv.foldAuc },
      heldOutRocAuc: artifact.report.metrics.rocAuc,
    },
    calibrated: calibration,
    readiness: readinessOf(metrics.rocAuc, 'cross-validated'),
  };
  return {
    ...artifact,
    model: foldCalibration(artifact.model, calibration),
    // A monotone map: every band keeps the same leads.
    bands: artifact.bands.map((b) =>
      b.min === 0 ? b : { ...b, min: calibrate(calibration, b.min) },
    ),
    report,
  };
}

/** Fits the artifact's kind of model on `trainRows` and answers a scorer of margins. */
function fitFold(
  kind: Artifact['model']['kind'],
  data: LabelledRows,
  trainRows: number[],
): (rows: number[]) => Float64Array {
  const pick = (rows: number[]) => rows.map((i) => data.rows[i]!.row);
  const { encoding } = fitEncoding(
    data.features.map((f) => f.name),
    data.features.map((f) => trainRows.map((i) => data.rows[i]!.row[f.c]!)),
  );
  const positions = encoding.columns.map((column) => data.columns.indexOf(column.name));
  const matrix = encodeRows(encoding, pick(trainRows), positions);
  const y = Uint8Array.from(trainRows, (i) => data.rows[i]!.y);
  if (kind === 'lr') {
    const params = fitLogistic(encoding, matrix, y);
    return (rows) => linearMargins(params, encoding, encodeRows(encoding, pick(rows), positions));
  }
  const forest = fitBoosted(encoding, matrix, y);
  return (rows) => forestMargins(forest, encodeRows(encoding, pick(rows), positions));
}

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

// The training report as text for the terminal: held-out metrics, calibration, top features.
import type { Artifact } from './artifact-schema.js';
import { significant } from './factor-label.js';

const f4 = (x: number | null) =>
  x === null ? 'n/a (held-out rows lack one outcome)' : x.toFixed(4);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatReport(artifact: Artifact, seconds?: number): string {
  const { report, model, bands } = artifact;
  const m = report.metrics;
  const what =
    model.kind === 'lr'
      ? `logistic regression (L2, C=${model.c})`
      : `gradient-boosted trees (${model.trees.length} trees, learning rate ${model.learningRate}, ${model.maxLeaves} leaves)`;
  const cv = report.crossValidation;
  const evaluated =
    cv === undefined
      ? `evaluated on ${report.holdout.rows} held-out leads (${report.holdout.converted} converted)`
      : `evaluated by ${cv.folds}-fold stratified cross-validation on all ${cv.rows} labelled leads (${cv.converted} converted), too few for a held-out split`;
  const lines = [
    `model: ${what}, target "${artifact.target.column}" (converted: ${artifact.target.positive.join(', ')})`,
    `trained on ${report.train.rows} leads (${report.train.converted} converted)` +
      (seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s`) +
      `; ${evaluated}`,
  ];
  if (report.readiness !== undefined) {
    const r = report.readiness;
    lines.push(`readiness: ${r.grade}${r.grade === 'poor' ? ` (${r.reason})` : ''}`);
  }
  if (report.calibrated !== undefined) {
    const c = report.calibrated;
    lines.push(
      `probabilities calibrated (Platt scaling on ${c.rows} out-of-fold predictions: slope ${c.slope.toFixed(2)}, intercept ${c.intercept.toFixed(2)})`,
    );
  }
  if (report.unlabelled > 0) lines.push(`${report.unlabelled} rows without an outcome left out`);
  if (report.excluded.length > 0) lines.push(`columns not used: ${report.excluded.join(', ')}`);
  lines.push(
    '',
    cv === undefined ? 'held-out metrics:' : 'cross-validated metrics (out-of-fold, calibrated):',
    cv === undefined
      ? `  ROC AUC         ${f4(m.rocAuc)}`
      : `  ROC AUC         ${cv.rocAuc.mean.toFixed(4)} ± ${cv.rocAuc.sd.toFixed(4)} (${cv.folds}-fold cross-validated, mean ± sd over folds)`,
    `  PR AUC          ${f4(m.prAuc)}`,
    `  log loss        ${f4(m.logLoss)}`,
    `  Brier score     ${f4(m.brier)}`,
    `  lift, top 10%   ${m.liftTop10 === null ? 'n/a' : m.liftTop10.toFixed(2)}`,
    `  base rate       ${pct(m.baseRate)}`,
    '',
    `calibration (${cv === undefined ? 'held-out' : 'out-of-fold'} leads in deciles of predicted probability):`,
    '  predicted range     leads  mean predicted  converted',
    ...report.calibration.map(
      (b) =>
        `  ${pct(b.from).padStart(6)} - ${pct(b.to).padStart(6)}  ${String(b.count).padStart(7)}  ${pct(b.predicted).padStart(14)}  ${pct(b.observed).padStart(9)}`,
    ),
    '',
    'most influential columns (mean |contribution| in log-odds, held-out leads):',
    ...report.influential.map(
      (r) => `  ${r.column.padEnd(24)} ${significant(r.meanAbsContribution)}`,
    ),
    '',
    `bands: ${bands.map((b) => `${b.band} >= ${pct(b.min)}`).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

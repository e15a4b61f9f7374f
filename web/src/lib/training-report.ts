// A predictive training report as the charts read it, from either shape the API may answer:
// the dashboard contract's flat one, or the trainer's ({ report: { metrics, calibration,
// influential }, roc, lift }). Parts the answer lacks stay undefined, so their charts are left out.
import type { Readiness, TrainingReport } from '../api/types';

type Loose = Record<string, unknown>;

const isRecord = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

function points<K extends string>(
  list: unknown,
  keys: readonly K[],
): Record<K, number>[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out = list.filter(isRecord).flatMap((item) => {
    const row = {} as Record<K, number>;
    for (const k of keys) {
      const value = num(item[k]);
      if (value === undefined) return [];
      row[k] = value;
    }
    return [row];
  });
  return out.length ? out : undefined;
}

export function metricsOf(raw: unknown): TrainingReport['metrics'] {
  if (!isRecord(raw)) return undefined;
  return {
    auc: num(raw.auc) ?? num(raw.rocAuc) ?? null,
    prAuc: num(raw.prAuc) ?? null,
    logLoss: num(raw.logLoss) ?? null,
    brier: num(raw.brier) ?? null,
    liftTop10: num(raw.liftTop10) ?? null,
  };
}

export function trainingReport(answer: unknown): TrainingReport {
  if (!isRecord(answer)) return {};
  const inner = isRecord(answer.report) ? answer.report : {};
  const pick = (key: string) => answer[key] ?? inner[key];
  // The contract's topFeatures ({ feature, importance }) or the trainer's influential columns.
  const features = [pick('topFeatures'), inner.influential]
    .map((list) =>
      Array.isArray(list)
        ? list.filter(isRecord).flatMap((f) => {
            const importance = num(f.importance) ?? num(f.meanAbsContribution);
            return importance === undefined
              ? []
              : [{ feature: String(f.feature ?? f.column), importance }];
          })
        : [],
    )
    .find((list) => list.length > 0);
  const report: TrainingReport = {};
  const version = num(answer.version);
  if (version !== undefined) report.version = version;
  const metrics = metricsOf(pick('metrics'));
  if (metrics) report.metrics = metrics;
  const roc = points(pick('roc'), ['fpr', 'tpr'] as const);
  if (roc) report.roc = roc;
  const lift = points(pick('lift'), ['fraction', 'lift'] as const);
  if (lift) report.lift = lift;
  const calibration = points(pick('calibration'), ['predicted', 'observed', 'count'] as const);
  if (calibration) report.calibration = calibration;
  if (features) report.topFeatures = features;
  const readiness = readinessOf(pick('readiness'));
  if (readiness) report.readiness = readiness;
  const cv = inner.crossValidation;
  if (isRecord(cv) && isRecord(cv.rocAuc)) {
    const [folds, rows, sd] = [num(cv.folds), num(cv.rows), num(cv.rocAuc.sd)];
    if (folds !== undefined && rows !== undefined && sd !== undefined)
      report.crossValidation = { folds, rows, sd };
  }
  return report;
}

const GRADES = ['poor', 'fair', 'good', 'excellent'] as const;

/** The readiness the API answers, when the answer has a well-formed one. */
export function readinessOf(raw: unknown): Readiness | undefined {
  if (!isRecord(raw)) return undefined;
  const grade = GRADES.find((g) => g === raw.grade);
  if (grade === undefined || typeof raw.reason !== 'string') return undefined;
  return {
    grade,
    reason: raw.reason,
    rocAuc: num(raw.rocAuc) ?? null,
    basis: raw.basis === 'cross-validated' ? 'cross-validated' : 'held-out',
  };
}

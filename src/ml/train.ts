// Trains a conversion model on leads with known outcomes and reports on a held-out split.
import {
  ARTIFACT_FORMAT,
  ARTIFACT_VERSION,
  type Artifact,
  type ModelKind,
  type Report,
} from './artifact-schema.js';
import { fitBands } from './bands.js';
import { encodeRows, fitEncoding, selectRows, type Matrix } from './encoding.js';
import type { Encoding } from './encoding-schema.js';
import { MlError } from './errors.js';
import { explainModel, predictModel } from './explain.js';
import { fitBoosted } from './gbdt.js';
import { honestArtifact } from './cross-validation-report.js';
import { isHeldOut } from './holdout.js';
import { fitLogistic } from './logistic-regression.js';
import { refitModel } from './refit.js';
import { averagePrecision, brier, calibrationTable, lift, logLoss, rocAuc } from './metrics.js';
import { columnIndex, type Dataset } from './read-dataset.js';
import { checkMinimum, DEFAULT_POSITIVE, labelOf, positiveAdvice } from './target.js';

export interface TrainOptions {
  target: string;
  kind: ModelKind;
  exclude?: string[];
  /** The one target value that counts as converted (any case); default DEFAULT_POSITIVE. */
  positive?: string;
  onIteration?: (iteration: number, maxIterations: number) => void;
  /**
   * Refit the saved model on every labelled row once the held-out figures are taken (default
   * true); false saves the model the figures describe.
   */
  refit?: boolean;
}

/** Most influential columns listed in the report. */
const INFLUENTIAL = 10;

/**
 * Held-out rows explained for the influential columns: a mean of absolute contributions is
 * settled long before this, and explaining is the dearest part of scoring. Up to this many
 * held-out rows (50,000 labelled rows) every one is explained; above it, rows evenly spaced.
 */
export const EXPLAINED_ROWS = 10_000;

export function trainModel(dataset: Dataset, options: TrainOptions): Artifact {
  const target = columnIndex(dataset, options.target, '--target');
  const exclude = options.exclude ?? [];
  for (const name of exclude) columnIndex(dataset, name, '--exclude');
  const positive = options.positive === undefined ? DEFAULT_POSITIVE : [options.positive];
  const train: { row: string[]; y: 0 | 1 }[] = [];
  const holdout: { row: string[]; y: 0 | 1 }[] = [];
  let unlabelled = 0;
  let labelled = 0;
  for (const row of dataset.rows) {
    const y = labelOf(row[target]!, positive);
    if (y === undefined) {
      unlabelled++;
      continue;
    }
    (isHeldOut(labelled++) ? holdout : train).push({ row, y });
  }
  const converted = [...train, ...holdout].filter((r) => r.y === 1).length;
  if (converted === 0) noneConverted(dataset, target, options);
  checkMinimum(converted, labelled - converted, options.target);
  const features = dataset.columns
    .map((name, c) => ({ name, c }))
    .filter(({ name, c }) => c !== target && !exclude.includes(name));
  const fitted = fitEncoding(
    features.map((f) => f.name),
    features.map((f) => train.map((r) => r.row[f.c]!)),
  );
  const encoding = fitted.encoding;
  if (encoding.columns.length === 0) {
    throw new MlError('invalid_csv', `${dataset.source}: no columns left to learn from`);
  }
  const positions = encoding.columns.map((column) => dataset.columns.indexOf(column.name));
  const trainMatrix = encodeRows(
    encoding,
    train.map((r) => r.row),
    positions,
  );
  const trainY = Uint8Array.from(train, (r) => r.y);
  const model =
    options.kind === 'lr'
      ? { kind: 'lr' as const, ...fitLogistic(encoding, trainMatrix, trainY) }
      : {
          kind: 'gbdt' as const,
          ...fitBoosted(encoding, trainMatrix, trainY, { onIteration: options.onIteration }),
        };
  const holdoutMatrix = encodeRows(
    encoding,
    holdout.map((r) => r.row),
    positions,
  );
  const holdoutY = Uint8Array.from(holdout, (r) => r.y);
  const report = evaluate(model, encoding, holdoutMatrix, holdoutY);
  // The encoding stays the one learnt from the training part: the report's columns, warnings
  // and exclusions describe the saved model as well.
  const all = options.refit === false ? undefined : concatRows(trainMatrix, holdoutMatrix);
  const allY = Uint8Array.from([...trainY, ...holdoutY]);
  const saved =
    all === undefined
      ? model
      : refitModel(model, encoding, all, allY, {
          trainRows: train.length,
          ...(options.onIteration === undefined ? {} : { onIteration: options.onIteration }),
        });
  // The cut-offs rest on the probabilities alone: explaining every training row was half the
  // training time at 180k rows and nothing showed it.
  const bands = fitBands(predictModel(saved, encoding, all ?? trainMatrix));
  const artifact: Artifact = {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    target: { column: options.target, positive },
    encoding,
    model: saved,
    bands,
    report: {
      train: { rows: train.length, converted: trainY.reduce((a, b) => a + b, 0) },
      ...(all === undefined ? {} : { refit: { rows: allY.length, converted } }),
      unlabelled,
      excluded: [...exclude, ...fitted.skipped],
      warnings: fitted.warnings,
      ...report,
    },
  };
  return honestArtifact(artifact, {
    rows: [...train, ...holdout],
    columns: dataset.columns,
    features,
  });
}

/** The rows of `a` then those of `b`, column by column. */
function concatRows(a: Matrix, b: Matrix): Matrix {
  return a.map((column, c) => {
    const out = new Float64Array(column.length + b[c]!.length);
    out.set(column);
    out.set(b[c]!, column.length);
    return out;
  });
}

/**
 * No lead counts as converted: a yes/no column whose "yes" is spelt otherwise (Y/N,
 * subscribed/not subscribed), or a --positive that is not one of its values. Says which values
 * the column has and what to pass, rather than that 40 more converted leads are needed.
 */
function noneConverted(dataset: Dataset, target: number, options: TrainOptions): void {
  const found = positiveAdvice(dataset.rows.map((row) => row[target]!));
  if (found === undefined) return;
  const given = options.positive === undefined ? '' : `, none of them "${options.positive}"`;
  throw new MlError(
    'invalid_target',
    `target "${options.target}" has values ${found.values}${given}: ${found.advice}`,
  );
}

/** Every held-out probability, and the contributions of at most EXPLAINED_ROWS of the rows. */
function explainHeldOut(
  model: Artifact['model'],
  encoding: Encoding,
  matrix: Matrix,
  rows: number,
): { probabilities: Float64Array; contributions: Float64Array[] } {
  if (rows <= EXPLAINED_ROWS) return explainModel(model, encoding, matrix);
  const sample = Array.from({ length: EXPLAINED_ROWS }, (_, k) =>
    Math.floor((k * rows) / EXPLAINED_ROWS),
  );
  return {
    probabilities: predictModel(model, encoding, matrix),
    contributions: explainModel(model, encoding, selectRows(matrix, sample)).contributions,
  };
}

function evaluate(
  model: Artifact['model'],
  encoding: Encoding,
  matrix: Matrix,
  y: Uint8Array,
): Pick<Report, 'holdout' | 'metrics' | 'calibration' | 'influential'> {
  const { probabilities, contributions } = explainHeldOut(model, encoding, matrix, y.length);
  const converted = y.reduce((a, b) => a + b, 0);
  const both = converted > 0 && converted < y.length;
  const influence = encoding.columns.map((column, c) => ({
    column: column.name,
    meanAbsContribution:
      contributions.reduce((s, row) => s + Math.abs(row[c]!), 0) /
      Math.max(1, contributions.length),
  }));
  return {
    holdout: { rows: y.length, converted },
    metrics: {
      rocAuc: both ? rocAuc(y, probabilities) : null,
      prAuc: both ? averagePrecision(y, probabilities) : null,
      logLoss: logLoss(y, probabilities),
      brier: brier(y, probabilities),
      liftTop10: both ? lift(y, probabilities, 0.1) : null,
      baseRate: converted / Math.max(1, y.length),
    },
    calibration: calibrationTable(y, probabilities, 10),
    influential: influence
      .sort((a, b) => b.meanAbsContribution - a.meanAbsContribution)
      .slice(0, INFLUENTIAL),
  };
}

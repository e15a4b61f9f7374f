// Drift of a trained model's population: the baseline taken when it was trained (the predicted
// probability and its most influential columns over every lead then) and the PSI of the same
// distributions over the leads now, each with a warning above PSI_WARNING.
import type { Artifact } from './artifact-schema.js';
import type { DriftBaseline } from './drift-schema.js';
import { encodeRows, type Matrix } from './encoding.js';
import { predictModel } from './explain.js';
import { binShares, decileEdges, psi, PSI_WARNING, type Binning } from './psi.js';
import type { Dataset } from './read-dataset.js';

/** The most influential columns (by the report's importances) whose drift is measured. */
export const DRIFT_FEATURES = 5;

export interface DriftItem {
  psi: number;
  warning: boolean;
}

export interface Drift {
  baselineRows: number;
  rows: number;
  probability: DriftItem;
  features: (DriftItem & { column: string })[];
}

/** A column absent from `dataset` reads as missing (blank) in every row. */
function encode(
  artifact: Artifact,
  dataset: Dataset,
): { matrix: Matrix; probabilities: Float64Array } {
  const positions = artifact.encoding.columns.map((c) => dataset.columns.indexOf(c.name));
  const matrix = encodeRows(artifact.encoding, dataset.rows, positions);
  return { matrix, probabilities: predictModel(artifact.model, artifact.encoding, matrix) };
}

function binningOf(artifact: Artifact, c: number, values: Float64Array): Binning {
  const column = artifact.encoding.columns[c]!;
  return column.type === 'categorical'
    ? { type: 'categorical', levels: column.levels.length }
    : { type: 'numeric', edges: decileEdges(values) };
}

/** The distributions over `dataset` (every lead at training time) kept in the artifact. */
export function driftBaseline(artifact: Artifact, dataset: Dataset): DriftBaseline {
  const { matrix, probabilities } = encode(artifact, dataset);
  const names = artifact.encoding.columns.map((c) => c.name);
  const top = artifact.report.influential
    .filter((f) => f.meanAbsContribution > 0 && names.includes(f.column))
    .slice(0, DRIFT_FEATURES);
  const probability: Binning = { type: 'numeric', edges: decileEdges(probabilities) };
  return {
    rows: dataset.rows.length,
    probability: { binning: probability, shares: binShares(probability, probabilities) },
    features: top.map(({ column }) => {
      const values = matrix[names.indexOf(column)]!;
      const binning = binningOf(artifact, names.indexOf(column), values);
      return { column, binning, shares: binShares(binning, values) };
    }),
  };
}

/** PSI of `dataset` (the leads now) against the baseline, in the baseline's bins. */
export function measureDrift(artifact: Artifact, baseline: DriftBaseline, dataset: Dataset): Drift {
  const { matrix, probabilities } = encode(artifact, dataset);
  const names = artifact.encoding.columns.map((c) => c.name);
  const item = (then: number[], binning: Binning, values: ArrayLike<number>): DriftItem => {
    const value = psi(then, binShares(binning, values));
    return { psi: value, warning: value > PSI_WARNING };
  };
  return {
    baselineRows: baseline.rows,
    rows: dataset.rows.length,
    probability: item(baseline.probability.shares, baseline.probability.binning, probabilities),
    features: baseline.features.map((f) => ({
      column: f.column,
      ...item(f.shares, f.binning, matrix[names.indexOf(f.column)]!),
    })),
  };
}

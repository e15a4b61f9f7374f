// Scores leads with a model artifact: probability, band, and the factors pushing it up and down.
import type { Artifact } from './artifact-schema.js';
import { bandOf } from './bands.js';
import { encodeRows } from './encoding.js';
import { MlError } from './errors.js';
import { explainModel, predictModel } from './explain.js';
import { factorText, type FactorText } from './factor-label.js';
import type { Dataset } from './read-dataset.js';

/** `text` is what a person reads ("unknown country"); `label` stays `job=retired`. */
export interface Factor extends FactorText {
  /** In log-odds: positive raises the probability, negative lowers it. */
  contribution: number;
}

export interface Prediction {
  probability: number;
  band: string;
  up: Factor[];
  down: Factor[];
}

/** Predictions for `dataset.rows`, in order; the top `factors` each way. */
export function predictRows(artifact: Artifact, dataset: Dataset, factors = 3): Prediction[] {
  const columns = artifact.encoding.columns;
  const positions = columns.map((column) => dataset.columns.indexOf(column.name));
  const absent = columns.filter((_, c) => positions[c]! < 0).map((column) => `"${column.name}"`);
  if (absent.length > 0) {
    throw new MlError(
      'invalid_csv',
      `${dataset.source}:1: missing column${absent.length > 1 ? 's' : ''} ${absent.join(', ')} the model was trained with`,
    );
  }
  const matrix = encodeRows(artifact.encoding, dataset.rows, positions);
  if (factors === 0) {
    // No factor is shown (backtests, held-out figures): the same probabilities, unexplained.
    return Array.from(predictModel(artifact.model, artifact.encoding, matrix), (probability) => ({
      probability,
      band: bandOf(artifact.bands, probability),
      up: [],
      down: [],
    }));
  }
  const { probabilities, contributions } = explainModel(artifact.model, artifact.encoding, matrix);
  return contributions.map((row, i) => {
    const ranked = Array.from(row, (contribution, c) => ({
      ...factorText(columns[c]!, matrix[c]![i]!),
      contribution,
    }));
    const probability = probabilities[i]!;
    return {
      probability,
      band: bandOf(artifact.bands, probability),
      up: ranked
        .filter((f) => f.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, factors),
      down: ranked
        .filter((f) => f.contribution < 0)
        .sort((a, b) => a.contribution - b.contribution)
        .slice(0, factors),
    };
  });
}

// The outcome of each lead (converted or not) read from the target column of a dataset.
import { columnIndex, type Dataset } from '../ml/read-dataset.js';
import { DEFAULT_POSITIVE, labelOf, positiveAdvice } from '../ml/target.js';
import { AnalyticsError } from './errors.js';

export interface Outcomes {
  /** The target column's index. */
  target: number;
  /** Indexes into dataset.rows of the leads with a known outcome, in file order. */
  rows: number[];
  /** 1 converted, 0 not, per entry of `rows`. */
  labels: Uint8Array;
  /** Rows left out because their outcome is empty. */
  unknown: number;
  /** The values that count as converted (any case). */
  positive: readonly string[];
}

/**
 * Reads the outcomes; refuses a target column without converters or without non-converters,
 * since then there is nothing to compare.
 */
export function readOutcomes(dataset: Dataset, targetName: string, positive?: string): Outcomes {
  const target = columnIndex(dataset, targetName, '--target');
  const accepted = positive === undefined ? DEFAULT_POSITIVE : [positive];
  const rows: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < dataset.rows.length; i++) {
    const y = labelOf(dataset.rows[i]![target] ?? '', accepted);
    if (y === undefined) continue;
    rows.push(i);
    labels.push(y);
  }
  const converted = labels.reduce((s, y) => s + y, 0);
  const counted = `converted: ${accepted.join(', ')} (any case)`;
  if (converted === 0) {
    const found = positiveAdvice(dataset.rows.map((row) => row[target] ?? ''));
    throw new AnalyticsError(
      'no_outcomes',
      `${dataset.source}: no converted leads in column "${targetName}" among ${rows.length} ` +
        `leads with an outcome (${counted}); ` +
        (found
          ? `its values are ${found.values}: ${found.advice}`
          : 'name the converted value with --positive'),
    );
  }
  if (converted === rows.length) {
    throw new AnalyticsError(
      'no_outcomes',
      `${dataset.source}: every one of the ${rows.length} leads in column "${targetName}" ` +
        `converted (${counted}); there is nothing to compare them with`,
    );
  }
  return {
    target,
    rows,
    labels: Uint8Array.from(labels),
    unknown: dataset.rows.length - rows.length,
    positive: accepted,
  };
}

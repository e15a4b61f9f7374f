// Conversion by behaviour: the rate among leads that did X at least n times against the rest,
// for numeric count columns (visits, demo requests, emails opened, ...).
import { columnIndex, type Dataset } from '../ml/read-dataset.js';
import { AnalyticsError } from './errors.js';
import { cellNumber } from './numbers.js';
import type { Outcomes } from './outcomes.js';
import { liftOver, rateOf, type Rate } from './rate.js';

/** Thresholds used when none are given: did it at all, and did it repeatedly. */
export const DEFAULT_THRESHOLDS = [1, 3];

export interface BehaviourRow {
  behaviour: string;
  /** Leads whose count is >= this did the behaviour. */
  atLeast: number;
  did: Rate;
  didNot: Rate;
  /** did.rate / didNot.rate: how many times better those who did it convert. */
  ratio: number;
  /** did.rate over the base rate. */
  lift: number;
}

/**
 * Each listed lead's count of a column, in the order of `rows`. A blank count is 0 (not done);
 * anything else that is not a number >= 0 is an error naming the file, line and column.
 */
export function behaviourCounts(
  dataset: Dataset,
  column: string,
  rows: readonly number[],
): Float64Array {
  const c = columnIndex(dataset, column, '--behaviours');
  return Float64Array.from(rows, (r) => {
    const cell = dataset.rows[r]![c]!;
    if (cell.trim() === '') return 0;
    const x = cellNumber(cell);
    if (!(x >= 0)) {
      throw new AnalyticsError(
        'invalid_data',
        `${dataset.source}:${dataset.lines[r]}: ${column}: expected a count (a number >= 0), got "${cell}"`,
      );
    }
    return x;
  });
}

/**
 * One row per column and threshold, in the order given. A blank count is read as 0 (not
 * done); anything else that is not a number >= 0 is an error naming file, line and column.
 */
export function behaviourTable(
  dataset: Dataset,
  outcomes: Outcomes,
  columns: readonly string[],
  thresholds: readonly number[],
  base: Rate,
): BehaviourRow[] {
  const table: BehaviourRow[] = [];
  for (const name of columns) {
    const counts = behaviourCounts(dataset, name, outcomes.rows);
    for (const atLeast of thresholds) {
      let did = 0;
      let didConverted = 0;
      let converted = 0;
      for (let i = 0; i < counts.length; i++) {
        converted += outcomes.labels[i]!;
        if (counts[i]! < atLeast) continue;
        did++;
        didConverted += outcomes.labels[i]!;
      }
      const yes = rateOf(didConverted, did);
      const no = rateOf(converted - didConverted, counts.length - did);
      table.push({
        behaviour: name,
        atLeast,
        did: yes,
        didNot: no,
        ratio: yes.rate / no.rate,
        lift: liftOver(yes, base),
      });
    }
  }
  return table;
}

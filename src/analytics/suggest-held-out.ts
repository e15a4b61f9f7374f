// The labelled leads split into a training part and a held-out fifth, and how a model's score
// (its fit, plus its rules over behaviour counts) ranks the held-out leads.
import type { CompiledModel } from '../core/compile-model.js';
import { evaluateFit } from '../core/fit.js';
import { isHeldOut } from '../ml/holdout.js';
import { lift, rocAuc } from '../ml/metrics.js';
import type { Dataset } from '../ml/read-dataset.js';
import { readOutcomes } from './outcomes.js';
import { behaviourCounts, engagementOf, type Behaviour } from './suggest-behaviours.js';

/** The share of held-out leads (by score) whose conversion rate the lift is taken over. */
export const LIFT_SHARE = 0.1;

export interface HeldOutFigures {
  /** Ranking by score: fit, plus the engagement of the behaviour counts when there are any. */
  auc: number;
  /** Conversion rate in the top LIFT_SHARE by score over the held-out rate. */
  lift: number;
}

/** A lead as the engine reads it: the row's cells under their column names. */
export function leadOf(columns: readonly string[], row: readonly string[]): Record<string, string> {
  const lead: Record<string, string> = {};
  for (const [c, name] of columns.entries()) lead[name] = row[c] ?? '';
  return lead;
}

export function fitsOf(compiled: CompiledModel, dataset: Dataset, rows: readonly number[]) {
  return Float64Array.from(
    rows,
    (r) => evaluateFit(compiled, leadOf(dataset.columns, dataset.rows[r]!)).fit,
  );
}

/** Each lead's fit plus the engagement the model's rules give its behaviour counts. */
export function scoresOf(
  compiled: CompiledModel,
  dataset: Dataset,
  rows: readonly number[],
  behaviours: readonly Behaviour[],
): Float64Array {
  const fits = fitsOf(compiled, dataset, rows);
  if (behaviours.length === 0) return fits;
  const counts = behaviours.map((b) => ({
    event: b.event,
    counts: behaviourCounts(dataset, b.column, rows),
  }));
  const engagement = engagementOf(compiled, counts, rows.length);
  return fits.map((fit, i) => fit + engagement[i]!);
}

/**
 * ROC AUC and top-decile lift of a model's score over the held-out leads: its fit, plus (given
 * count columns) what its rules on those events give the counts.
 */
export function heldOutFigures(
  compiled: CompiledModel,
  dataset: Dataset,
  split: Split,
  behaviours: readonly Behaviour[] = [],
): HeldOutFigures {
  const scores = scoresOf(compiled, dataset, split.heldOut.rows, behaviours);
  return {
    auc: rocAuc(split.heldOut.labels, scores),
    lift: lift(split.heldOut.labels, scores, LIFT_SHARE),
  };
}

export interface Part {
  rows: number[];
  labels: Uint8Array;
}

export interface Split {
  train: Part;
  heldOut: Part;
}

/**
 * The labelled leads split as `leadscore train` splits them: the k-th lead with an outcome (in
 * file order) is held out when isHeldOut(k) (SHA-256 of k, mod 100, below 20).
 */
export function splitOutcomes(rows: readonly number[], labels: Uint8Array): Split {
  const train = { rows: [] as number[], labels: [] as number[] };
  const heldOut = { rows: [] as number[], labels: [] as number[] };
  for (let k = 0; k < rows.length; k++) {
    const part = isHeldOut(k) ? heldOut : train;
    part.rows.push(rows[k]!);
    part.labels.push(labels[k]!);
  }
  return {
    train: { rows: train.rows, labels: Uint8Array.from(train.labels) },
    heldOut: { rows: heldOut.rows, labels: Uint8Array.from(heldOut.labels) },
  };
}

/** The held-out split of a dataset's labelled leads, for scoring another model on it. */
export function heldOutSplit(dataset: Dataset, target: string, positive?: string): Split {
  const outcomes = readOutcomes(dataset, target, positive);
  return splitOutcomes(outcomes.rows, outcomes.labels);
}

// The whole conversion analysis of a dataset: overall rate, attributes ranked by information
// value, behaviours and channels.
import { columnIndex, type Dataset } from '../ml/read-dataset.js';
import { attributeTable, type AttributeTable } from './attributes.js';
import { behaviourTable, DEFAULT_THRESHOLDS, type BehaviourRow } from './behaviours.js';
import { channelTable, type ChannelTable } from './channels.js';
import { AnalyticsError } from './errors.js';
import { readOutcomes } from './outcomes.js';
import { rateOf, type Rate } from './rate.js';

/** Quantile bins per numeric attribute when none are asked for. */
export const DEFAULT_BINS = 10;

export interface AnalyzeOptions {
  target: string;
  /** The one target value that counts as converted (any case); default DEFAULT_POSITIVE. */
  positive?: string;
  exclude?: readonly string[];
  bins?: number;
  behaviours?: readonly string[];
  thresholds?: readonly number[];
  channel?: string;
  costs?: ReadonlyMap<string, number>;
}

export interface Analysis {
  source: string;
  target: string;
  positive: readonly string[];
  overall: Rate;
  /** Rows without an outcome (blank target), left out of every figure. */
  unknown: number;
  /** By information value, highest first. */
  attributes: AttributeTable[];
  /** Columns left out because nearly every value is distinct (identifiers). */
  skipped: string[];
  behaviours: BehaviourRow[];
  channel?: ChannelTable;
}

export function analyze(dataset: Dataset, options: AnalyzeOptions): Analysis {
  const bins = options.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(bins) || bins < 2) {
    throw new AnalyticsError('invalid_option', `--bins: expected a whole number >= 2, got ${bins}`);
  }
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  for (const t of thresholds) {
    if (!(t > 0)) {
      throw new AnalyticsError('invalid_option', `--thresholds: expected numbers > 0, got ${t}`);
    }
  }
  const outcomes = readOutcomes(dataset, options.target, options.positive);
  const excluded = new Set(
    (options.exclude ?? []).map((n) => columnIndex(dataset, n, '--exclude')),
  );
  excluded.add(outcomes.target);
  const overall = rateOf(
    outcomes.labels.reduce((s, y) => s + y, 0),
    outcomes.rows.length,
  );
  const attributes: AttributeTable[] = [];
  const skipped: string[] = [];
  for (const [c, name] of dataset.columns.entries()) {
    if (excluded.has(c)) continue;
    const table = attributeTable(dataset, outcomes, c, bins, overall);
    if (table === undefined) skipped.push(name);
    else attributes.push(table);
  }
  attributes.sort((a, b) => b.iv - a.iv);
  return {
    source: dataset.source,
    target: options.target,
    positive: outcomes.positive,
    overall,
    unknown: outcomes.unknown,
    attributes,
    skipped,
    behaviours: behaviourTable(dataset, outcomes, options.behaviours ?? [], thresholds, overall),
    ...(options.channel === undefined
      ? {}
      : { channel: channelTable(dataset, outcomes, options.channel, overall, options.costs) }),
  };
}

// Conversion by channel (lead source, UTM source / medium / campaign), with cost per lead and
// per conversion when the channels' costs are known.
import { MISSING } from '../ml/encoding-schema.js';
import { columnIndex, type Dataset } from '../ml/read-dataset.js';
import type { Outcomes } from './outcomes.js';
import { liftOver, rateOf, type Rate } from './rate.js';

export interface ChannelRow extends Rate {
  channel: string;
  lift: number;
  /** Undefined when the cost file does not name the channel (or there is none). */
  cost?: number;
  costPerLead?: number;
  /** Undefined also when the channel has no conversions: the cost bought none. */
  costPerConversion?: number;
}

export interface ChannelTable {
  column: string;
  /** By rate, highest first; ties by more leads first. */
  rows: ChannelRow[];
  /** Channels in the cost file that no lead came from. */
  unmatchedCosts: string[];
}

export function channelTable(
  dataset: Dataset,
  outcomes: Outcomes,
  column: string,
  base: Rate,
  costs?: ReadonlyMap<string, number>,
): ChannelTable {
  const c = columnIndex(dataset, column, '--channel');
  const counts = new Map<string, { leads: number; conversions: number }>();
  for (let i = 0; i < outcomes.rows.length; i++) {
    const channel = dataset.rows[outcomes.rows[i]!]![c]!.trim() || MISSING;
    const entry = counts.get(channel) ?? { leads: 0, conversions: 0 };
    entry.leads++;
    entry.conversions += outcomes.labels[i]!;
    counts.set(channel, entry);
  }
  const rows = [...counts.entries()].map(([channel, n]): ChannelRow => {
    const rate = rateOf(n.conversions, n.leads);
    const row: ChannelRow = { channel, ...rate, lift: liftOver(rate, base) };
    const cost = costs?.get(channel);
    if (cost === undefined) return row;
    return {
      ...row,
      cost,
      costPerLead: cost / n.leads,
      ...(n.conversions > 0 ? { costPerConversion: cost / n.conversions } : {}),
    };
  });
  rows.sort((a, b) => b.rate - a.rate || b.leads - a.leads);
  const unmatchedCosts = [...(costs?.keys() ?? [])].filter((channel) => !counts.has(channel));
  return { column, rows, unmatchedCosts };
}

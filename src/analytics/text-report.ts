// The analysis as readable aligned tables for the terminal.
import type { Analysis } from './analyze.js';
import type { AttributeTable } from './attributes.js';
import type { ChannelTable } from './channels.js';
import { alignTable, count, fixed, interval, percent } from './format.js';
import {
  attributeValuesTable,
  behaviourTableOf,
  channelTableOf,
  rankingTable,
  type ReportTable,
} from './report-tables.js';

const IV_GUIDE =
  'IV < 0.02 none, 0.02-0.1 weak, 0.1-0.3 medium, > 0.3 strong, > 0.5 check for a leak';

/** Left-aligned first column, the rest right-aligned (numbers). */
function aligned({ header, rows }: ReportTable, leftColumns = 1): string {
  return alignTable(
    header,
    rows,
    header.map((_, c) => c >= leftColumns),
  );
}

function ranking(attributes: AttributeTable[]): string {
  const { header, rows } = rankingTable(attributes);
  return alignTable(header, rows, [true, false, false, true, true]);
}

function attribute(a: AttributeTable, rank: number): string {
  return (
    `${rank}. ${a.name} (${a.kind}, IV ${fixed(a.iv, 4)})\n` + aligned(attributeValuesTable(a))
  );
}

function channels(table: ChannelTable): string {
  const withCosts = table.rows.some((r) => r.cost !== undefined);
  return (
    aligned(channelTableOf(table, withCosts)) +
    (table.unmatchedCosts.length > 0
      ? `  costs for channels no lead came from: ${table.unmatchedCosts.join(', ')}\n`
      : '')
  );
}

export function formatAnalysis(analysis: Analysis): string {
  const o = analysis.overall;
  const parts = [
    `Conversion analysis of ${analysis.source}, target "${analysis.target}" ` +
      `(converted: ${analysis.positive.join(', ')})\n` +
      `  ${o.leads} leads, ${o.conversions} converted: ${percent(o.rate)} ` +
      `(95% CI ${interval(o.low, o.high)})\n` +
      (analysis.unknown > 0
        ? `  ${count(analysis.unknown, 'row')} with a blank outcome left out\n`
        : '') +
      (analysis.skipped.length > 0
        ? `  columns left out (nearly every value distinct): ${analysis.skipped.join(', ')}\n`
        : ''),
    `Attributes by information value (${IV_GUIDE})\n` + ranking(analysis.attributes),
    ...analysis.attributes.map((a, k) => attribute(a, k + 1)),
  ];
  if (analysis.behaviours.length > 0) {
    parts.push(
      'Behaviours: rate among leads that did it at least n times vs the rest\n' +
        aligned(behaviourTableOf(analysis.behaviours), 2),
    );
  }
  if (analysis.channel !== undefined) {
    parts.push(`Channels ("${analysis.channel.column}")\n` + channels(analysis.channel));
  }
  return parts.join('\n');
}

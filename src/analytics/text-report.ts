// The analysis as readable aligned tables for the terminal.
import type { Analysis } from './analyze.js';
import type { AttributeTable } from './attributes.js';
import type { BehaviourRow } from './behaviours.js';
import type { ChannelTable } from './channels.js';
import { alignTable, count, fixed, interval, money, percent } from './format.js';

const IV_GUIDE =
  'IV < 0.02 none, 0.02-0.1 weak, 0.1-0.3 medium, > 0.3 strong, > 0.5 check for a leak';

function ranking(attributes: AttributeTable[]): string {
  return alignTable(
    ['rank', 'attribute', 'type', 'IV', 'values'],
    attributes.map((a, k) => [
      String(k + 1),
      a.name,
      a.kind,
      fixed(a.iv, 4),
      String(a.rows.length),
    ]),
    [true, false, false, true, true],
  );
}

function attribute(a: AttributeTable, rank: number): string {
  return (
    `${rank}. ${a.name} (${a.kind}, IV ${fixed(a.iv, 4)})\n` +
    alignTable(
      ['value', 'leads', 'conversions', 'rate', '95% CI', 'lift', 'WoE'],
      a.rows.map((r) => [
        r.value,
        String(r.leads),
        String(r.conversions),
        percent(r.rate),
        interval(r.low, r.high),
        fixed(r.lift),
        fixed(r.woe, 3),
      ]),
      [false, true, true, true, true, true, true],
    )
  );
}

function behaviours(rows: BehaviourRow[]): string {
  return alignTable(
    ['behaviour', 'did', 'leads', 'rate', '95% CI', 'did not: leads', 'rate', '95% CI', 'ratio'],
    rows.map((r) => [
      r.behaviour,
      `>= ${r.atLeast}`,
      String(r.did.leads),
      percent(r.did.rate),
      interval(r.did.low, r.did.high),
      String(r.didNot.leads),
      percent(r.didNot.rate),
      interval(r.didNot.low, r.didNot.high),
      fixed(r.ratio),
    ]),
    [false, false, true, true, true, true, true, true, true],
  );
}

function channels(table: ChannelTable): string {
  const withCosts = table.rows.some((r) => r.cost !== undefined);
  const header = ['channel', 'leads', 'conversions', 'rate', '95% CI', 'lift'];
  const costHeader = withCosts ? ['cost', 'per lead', 'per conversion'] : [];
  return (
    alignTable(
      [...header, ...costHeader],
      table.rows.map((r) => [
        r.channel,
        String(r.leads),
        String(r.conversions),
        percent(r.rate),
        interval(r.low, r.high),
        fixed(r.lift),
        ...(withCosts ? [money(r.cost), money(r.costPerLead), money(r.costPerConversion)] : []),
      ]),
      [false, ...Array<boolean>(header.length + costHeader.length - 1).fill(true)],
    ) +
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
        behaviours(analysis.behaviours),
    );
  }
  if (analysis.channel !== undefined) {
    parts.push(`Channels ("${analysis.channel.column}")\n` + channels(analysis.channel));
  }
  return parts.join('\n');
}

// The tables of the analysis report as header and text cells, shared by the terminal and the
// HTML report (each lays them out its own way).
import type { AttributeTable } from './attributes.js';
import type { BehaviourRow } from './behaviours.js';
import type { ChannelTable } from './channels.js';
import { fixed, interval, money, percent } from './format.js';

export interface ReportTable {
  header: string[];
  rows: string[][];
}

export function rankingTable(attributes: readonly AttributeTable[]): ReportTable {
  return {
    header: ['rank', 'attribute', 'type', 'IV', 'values'],
    rows: attributes.map((a, k) => [
      String(k + 1),
      a.name,
      a.kind,
      fixed(a.iv, 4),
      String(a.rows.length),
    ]),
  };
}

export function attributeValuesTable(a: AttributeTable): ReportTable {
  return {
    header: ['value', 'leads', 'conversions', 'rate', '95% CI', 'lift', 'WoE'],
    rows: a.rows.map((r) => [
      r.value,
      String(r.leads),
      String(r.conversions),
      percent(r.rate),
      interval(r.low, r.high),
      fixed(r.lift),
      fixed(r.woe, 3),
    ]),
  };
}

export function behaviourTableOf(rows: readonly BehaviourRow[]): ReportTable {
  return {
    header: [
      'behaviour',
      'did',
      'leads',
      'rate',
      '95% CI',
      'did not: leads',
      'rate',
      '95% CI',
      'ratio',
    ],
    rows: rows.map((r) => [
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
  };
}

/** With `withCosts`, the cost, cost per lead and per conversion columns too. */
export function channelTableOf(table: ChannelTable, withCosts: boolean): ReportTable {
  return {
    header: [
      'channel',
      'leads',
      'conversions',
      'rate',
      '95% CI',
      'lift',
      ...(withCosts ? ['cost', 'per lead', 'per conversion'] : []),
    ],
    rows: table.rows.map((r) => [
      r.channel,
      String(r.leads),
      String(r.conversions),
      percent(r.rate),
      interval(r.low, r.high),
      fixed(r.lift),
      ...(withCosts ? [money(r.cost), money(r.costPerLead), money(r.costPerConversion)] : []),
    ]),
  };
}

// The analysis as one CSV text per table, with plain numbers (rates as fractions) for spreadsheets.
import type { Analysis } from './analyze.js';

export interface CsvTable {
  /** File name in the output folder. */
  file: string;
  text: string;
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(Number(value.toFixed(6))) : '';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(header: string[], rows: (string | number | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const RATE = ['leads', 'conversions', 'rate', 'ci_low', 'ci_high'];

export function csvTables(analysis: Analysis): CsvTable[] {
  const o = analysis.overall;
  const tables: CsvTable[] = [
    {
      file: 'summary.csv',
      text: csv(
        [...RATE, 'unknown_outcome'],
        [[o.leads, o.conversions, o.rate, o.low, o.high, analysis.unknown]],
      ),
    },
    {
      file: 'attributes.csv',
      text: csv(
        ['rank', 'attribute', 'type', 'iv', 'values'],
        analysis.attributes.map((a, k) => [k + 1, a.name, a.kind, a.iv, a.rows.length]),
      ),
    },
    {
      file: 'attribute-values.csv',
      text: csv(
        ['attribute', 'value', ...RATE, 'lift', 'woe'],
        analysis.attributes.flatMap((a) =>
          a.rows.map((r) => [
            a.name,
            r.value,
            r.leads,
            r.conversions,
            r.rate,
            r.low,
            r.high,
            r.lift,
            r.woe,
          ]),
        ),
      ),
    },
  ];
  if (analysis.behaviours.length > 0) {
    tables.push({
      file: 'behaviours.csv',
      text: csv(
        [
          'behaviour',
          'at_least',
          ...RATE.map((h) => `did_${h}`),
          ...RATE.map((h) => `not_${h}`),
          'ratio',
          'lift',
        ],
        analysis.behaviours.map((b) => [
          b.behaviour,
          b.atLeast,
          ...[b.did, b.didNot].flatMap((r) => [r.leads, r.conversions, r.rate, r.low, r.high]),
          b.ratio,
          b.lift,
        ]),
      ),
    });
  }
  if (analysis.channel !== undefined) {
    tables.push({
      file: 'channels.csv',
      text: csv(
        ['channel', ...RATE, 'lift', 'cost', 'cost_per_lead', 'cost_per_conversion'],
        analysis.channel.rows.map((r) => [
          r.channel,
          r.leads,
          r.conversions,
          r.rate,
          r.low,
          r.high,
          r.lift,
          r.cost,
          r.costPerLead,
          r.costPerConversion,
        ]),
      ),
    });
  }
  return tables;
}

// Formats scored leads as CSV, JSON or NDJSON rows, with the explanation on request.
import { csvRow } from '../ingest/csv-row.js';
import type { CompiledModel } from '../core/compile-model.js';
import { round2, type Contribution, type LeadScore } from '../core/lead-score.js';

export const OUTPUT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface ScoreRow {
  id: string;
  score: number;
  fit: number;
  engagement: number;
  grade: string | null;
  segment: string;
  stage: string;
  categories: Record<string, number>;
  contributions?: ExplainedContribution[];
}

type ExplainedContribution = Omit<Contribution, 'time'> & { time?: string };

const round4 = (n: number) => {
  const r = Math.round(n * 10_000) / 10_000;
  return r === 0 ? 0 : r;
};

export function toRow(id: string, score: LeadScore): ScoreRow {
  const categories: Record<string, number> = {};
  for (const [name, value] of Object.entries(score.categories)) categories[name] = round2(value);
  const row: ScoreRow = {
    id,
    score: round2(score.score),
    fit: round2(score.fit),
    engagement: round2(score.engagement),
    grade: score.grade,
    segment: score.segment,
    stage: score.stage,
    categories,
  };
  if (score.contributions) {
    row.contributions = score.contributions.map(({ time, ...c }) => ({
      ...c,
      afterCap: round4(c.afterCap),
      afterDecay: round4(c.afterDecay),
      ...(time === undefined ? {} : { time: new Date(time).toISOString() }),
    }));
  }
  return row;
}

/** Writes rows in one format: a header or opening, one text per row, a closing. */
export interface RowFormatter {
  open(): string;
  row(row: ScoreRow, first: boolean): string;
  close(): string;
}

export function formatterFor(
  format: OutputFormat,
  compiled: CompiledModel,
  explain: boolean,
): RowFormatter {
  if (format === 'json') {
    return {
      open: () => '[\n',
      row: (row, first) => `${first ? '' : ',\n'}${JSON.stringify(row)}`,
      close: () => '\n]\n',
    };
  }
  if (format === 'ndjson') {
    return { open: () => '', row: (row) => `${JSON.stringify(row)}\n`, close: () => '' };
  }
  const header = ['id', 'score', 'fit', 'engagement', 'grade', 'segment', 'stage'];
  for (const name of compiled.categories) header.push(`category.${name}`);
  if (explain) header.push('contributions');
  return {
    open: () => csvRow(header),
    row: (row) => {
      const cells: (string | number)[] = [
        row.id,
        row.score,
        row.fit,
        row.engagement,
        row.grade ?? '',
        row.segment,
        row.stage,
      ];
      for (const name of compiled.categories) cells.push(row.categories[name] ?? 0);
      if (explain) cells.push(JSON.stringify(row.contributions ?? []));
      return csvRow(cells);
    },
    close: () => '',
  };
}

// The two export formats: CSV for spreadsheets (a header line, then one line per row) and NDJSON
// (one JSON object per row, keyed by the same column names, values keeping their JSON types).
import { csvLine } from './csv-cells.js';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** Writes rows of cells under fixed column names in one format. */
export interface RowWriter {
  /** What goes before the first row (the CSV header; nothing for NDJSON). */
  head(): string;
  line(cells: readonly unknown[]): string;
}

export function rowWriter(format: ExportFormat, columns: readonly string[]): RowWriter {
  if (format === 'csv') return { head: () => csvLine(columns), line: csvLine };
  return {
    head: () => '',
    line: (cells) => {
      const row: Record<string, unknown> = {};
      columns.forEach((name, i) => {
        const value = cells[i];
        row[name] = value === undefined ? null : value;
      });
      return `${JSON.stringify(row)}\n`;
    },
  };
}

/** The file name an export is offered under: `leads-20261207T173324Z.csv`. */
export function exportFileName(what: 'leads' | 'accounts', format: ExportFormat, now: number) {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `${what}-${stamp}.${format}`;
}

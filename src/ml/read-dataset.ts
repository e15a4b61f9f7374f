// Reads a training or scoring CSV (`,`, `;` or tab separated, quoted or not) into string rows.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { MlError } from './errors.js';

export interface Dataset {
  /** The file name, for messages. */
  source: string;
  columns: string[];
  /** One entry per well-formed data row, in file order. */
  rows: string[][];
  /** The file line where each row ends (1-based; the header is line 1). */
  lines: number[];
  /** Rows that could not be read, with where and why. */
  rejects: { line: number; reason: string }[];
  /** Data rows in the file, well-formed or not, in file order: `rows` index or a reject. */
  order: ({ row: number } | { reject: number })[];
}

/** The separator used in the header line: whichever of `,` `;` tab occurs most outside quotes. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '\n') break;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * The records of a CSV text (`;`, `,` or tab, quoted or not), each with its line; a text
 * csv-parse cannot read goes to `fail` with where (file:line) and why.
 */
export function csvRecords(
  text: string,
  source: string,
  fail: (message: string) => never,
): CsvRecord[] {
  try {
    return parse(text, {
      delimiter: sniffDelimiter(text),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    const where = typeof line === 'number' ? `${source}:${line}` : source;
    return fail(`${where}: ${(error as Error).message}`);
  }
}

export function parseDataset(text: string, source: string): Dataset {
  const records = csvRecords(text, source, (message) => {
    throw new MlError('invalid_csv', message);
  });
  const header = records[0];
  if (header === undefined) throw new MlError('invalid_csv', `${source}: the file is empty`);
  const columns = header.record.map((c) => c.trim());
  const seen = new Set<string>();
  for (const [i, name] of columns.entries()) {
    if (name === '') throw new MlError('invalid_csv', `${source}:1: column ${i + 1} has no name`);
    if (seen.has(name)) throw new MlError('invalid_csv', `${source}:1: column "${name}" twice`);
    seen.add(name);
  }
  const dataset: Dataset = { source, columns, rows: [], lines: [], rejects: [], order: [] };
  for (const { record, info } of records.slice(1)) {
    if (record.length !== columns.length) {
      dataset.order.push({ reject: dataset.rejects.length });
      dataset.rejects.push({
        line: info.lines,
        reason: `expected ${columns.length} fields as in the header, got ${record.length}`,
      });
      continue;
    }
    dataset.order.push({ row: dataset.rows.length });
    dataset.rows.push(record);
    dataset.lines.push(info.lines);
  }
  return dataset;
}

export async function readDataset(path: string): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MlError('invalid_csv', `${path}: ${(error as Error).message}`);
  }
  return parseDataset(text, path);
}

/** The index of a column, or an error naming the file and the columns it has. */
export function columnIndex(dataset: Dataset, name: string, option: string): number {
  const index = dataset.columns.indexOf(name);
  if (index < 0) {
    throw new MlError(
      'invalid_csv',
      `${dataset.source}:1: ${option} "${name}" is not a column (columns: ${dataset.columns.join(', ')})`,
    );
  }
  return index;
}

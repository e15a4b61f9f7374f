// Streams a CSV file (`,`, `;` or tab separated, quoted or not) as records keyed by header.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { matchColumns } from './csv-columns.js';

export type RecordHandler = (record: Record<string, string>, line: number) => void;
export type RecordErrorHandler = (line: number, reason: string) => void;

export class CsvHeaderError extends Error {
  readonly code = 'invalid_csv_header';
}

/**
 * The separator used in the header line: whichever of `,` `;` tab occurs most outside quotes.
 * A header that opens like JSON is refused at once (NDJSON given as a CSV would otherwise be
 * rejected quote by quote, dozens of times a line).
 */
export async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65_536), 0, 65_536, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    if (/^\uFEFF?\s*[[{]/.test(text)) {
      throw new CsvHeaderError(
        `${path} looks like JSON, not CSV (a header line, then one row per line)`,
      );
    }
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    const counts = new Map<string, number>([
      [',', 0],
      [';', 0],
      ['\t', 0],
    ]);
    let quoted = false;
    for (const ch of first) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    let best = ',';
    for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
    return best;
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onRecord` for every data row with its line number (the line where the row ends). A row
 * that cannot be parsed (wrong field count, broken quotes) goes to `onError` and the run goes
 * on; `required` columns missing from the header throw CsvHeaderError (a column named in
 * another case, `ID` for `id`, is taken under the required name when it is the only one).
 * With `headerOnly`, reading stops after the header.
 *
 * Rows come as arrays and are keyed here: csv-parse's own `columns` and `info` options cost
 * more than half of the parse time. The line number is read from the parser's live `info` in
 * the synchronous 'data' event, which fires while the parser is at the end of that very row
 * because this consumer never pauses the stream.
 */
export async function forEachCsvRecord(
  path: string,
  options: {
    required: readonly string[];
    onRecord: RecordHandler;
    onError: RecordErrorHandler;
    /** A returned promise pauses the reading until it settles (a rejection ends it, thrown). */
    onBytes?: ((bytesRead: number) => void | Promise<void>) | undefined;
    headerOnly?: boolean;
  },
): Promise<{ columns: string[] }> {
  const delimiter = await sniffDelimiter(path);
  let columns: string[] | undefined;
  const parser = parse({
    delimiter,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
  });
  parser.on('skip', (error: CsvError | undefined) => {
    if (!error) return;
    options.onError(
      typeof error.lines === 'number' ? error.lines : parser.info.lines,
      error.message,
    );
  });
  let failure: Error | undefined;
  parser.on('data', (fields: string[]) => {
    if (failure) return;
    const line = parser.info.lines;
    if (columns === undefined) {
      const header = fields.map((h) => h.trim());
      const match = matchColumns(header, options.required);
      if (match.ok) columns = match.columns;
      else {
        failure = new CsvHeaderError(
          `${path}:1: ${match.problems.join('; ')} (header: ${header.join(delimiter)})`,
        );
      }
      if (failure || options.headerOnly) stop();
      return;
    }
    if (fields.length !== columns.length) {
      options.onError(
        line,
        `expected ${columns.length} fields as in the header, got ${fields.length}`,
      );
      return;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < fields.length; i++) record[columns[i] as string] = fields[i] as string;
    options.onRecord(record, line);
  });
  let bytes = 0;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  function stop() {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
  input.on('data', (chunk) => {
    bytes += chunk.length;
    const wait = options.onBytes?.(bytes);
    if (!wait) return;
    input.pause();
    wait.then(
      () => {
        if (!failure) input.resume();
      },
      (error: unknown) => {
        failure = error instanceof Error ? error : new Error(String(error));
        stop();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    input.on('error', reject);
    parser.on('error', reject);
    parser.on('end', resolve);
    parser.on('close', resolve);
    input.pipe(parser);
  });
  if (failure) throw failure;
  if (columns === undefined && options.required.length > 0) {
    throw new CsvHeaderError(
      `${path}: the file is empty; expected a header line with ${options.required.map((c) => `"${c}"`).join(', ')}`,
    );
  }
  return { columns: columns ?? [] };
}

/** Throws CsvHeaderError when the header lacks a required column; reads nothing more. */
export async function checkCsvHeader(path: string, required: readonly string[]): Promise<void> {
  await forEachCsvRecord(path, {
    required,
    headerOnly: true,
    onRecord: () => undefined,
    onError: () => undefined,
  });
}

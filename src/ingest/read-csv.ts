// Streams a CSV file (`,`, `;` or tab separated, quoted or not) as records keyed by header.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';

export type RecordHandler = (record: Record<string, string>, line: number) => void;
export type RecordErrorHandler = (line: number, reason: string) => void;

export class CsvHeaderError extends Error {
  readonly code = 'invalid_csv_header';
}

/** The separator used in the header line: whichever of `,` `;` tab occurs most outside quotes. */
export async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65_536), 0, 65_536, 0);
    const first = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
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
 * that cannot be parsed (wrong column count, broken quotes) goes to `onError` and the run goes
 * on; `required` columns missing from the header throw CsvHeaderError.
 */
export async function forEachCsvRecord(
  path: string,
  options: {
    required: readonly string[];
    onRecord: RecordHandler;
    onError: RecordErrorHandler;
    onBytes?: (bytesRead: number) => void;
  },
): Promise<{ columns: string[] }> {
  const delimiter = await sniffDelimiter(path);
  let columns: string[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    columns: (header: string[]) => {
      columns = header.map((h) => h.trim());
      const missing = options.required.filter((c) => !columns.includes(c));
      if (missing.length > 0) {
        throw new CsvHeaderError(
          `${path}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} (header: ${columns.join(delimiter)})`,
        );
      }
      return columns;
    },
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      const line = typeof error.lines === 'number' ? error.lines : 0;
      options.onError(line, error.message);
    },
  });
  let bytes = 0;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  input.pipe(parser);
  input.on('error', (error) => parser.destroy(error));
  for await (const item of parser) {
    const { record, info } = item as { record: Record<string, string>; info: { lines: number } };
    options.onRecord(record, info.lines);
  }
  return { columns };
}

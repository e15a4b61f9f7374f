// Streams one import file (leads, companies or outcomes CSV; events as NDJSON of Segment calls
// or CSV) as mapped, parsed rows with their line and text, pausing while the consumer writes.
import { EVENT_CSV_REQUIRED } from '../../ingest/csv-event.js';
import { matchColumns } from '../../ingest/csv-columns.js';
import { NdjsonShapeError, ndjsonShapeProblem } from '../../ingest/ndjson-shape.js';
import { CsvHeaderError, forEachCsvRecord, sniffDelimiter } from '../../ingest/read-csv.js';
import { forEachLine } from '../../ingest/read-lines.js';
import { eventsFormatOf } from '../batch/event-source.js';
import type { ImportMap } from './import-map.js';
import {
  companyOf,
  csvEventOf,
  leadOf,
  OUTCOME_REQUIRED,
  outcomeOf,
  segmentEventOf,
  type CompanyRow,
  type EventRow,
  type LeadRow,
  type OutcomeRow,
  type RowResult,
} from './import-rows.js';
import type { ImportKind } from './import-types.js';
import {
  mapRecord,
  mappedHeader,
  planColumns,
  type ColumnPlan,
  type TypedValue,
} from './map-columns.js';
import { open } from 'node:fs/promises';

export interface RowOf {
  companies: CompanyRow;
  leads: LeadRow;
  events: EventRow;
  outcomes: OutcomeRow;
}

export interface ReadRow<T> {
  line: number;
  /** The row's text as read (a CSV row joined again; an NDJSON line as is). */
  text: string;
  /** The mapped values (for a preview); undefined where the row could not be read at all. */
  values: Record<string, unknown> | undefined;
  result: RowResult<T>;
}

export interface ReadFileOptions<K extends ImportKind> {
  kind: K;
  path: string;
  /** The file's name in messages (an upload's name rather than its temporary path). */
  name: string;
  map: ImportMap | undefined;
  /** Epoch ms: outcomes after it are refused. */
  now: number;
  onRow: (row: ReadRow<RowOf[K]>) => void;
  /** A returned promise pauses the reading until it settles; a rejection ends it, thrown. */
  onBytes?: ((bytes: number) => void | Promise<void>) | undefined;
}

const REQUIRED: Record<Exclude<ImportKind, 'events'>, readonly string[]> = {
  companies: ['id'],
  leads: ['id'],
  outcomes: OUTCOME_REQUIRED,
};

export type FileFormat = 'csv' | 'ndjson';

export async function formatOf(kind: ImportKind, path: string): Promise<FileFormat> {
  return kind === 'events' ? eventsFormatOf(path) : 'csv';
}

/** The columns of a CSV file as in the file and as mapped; throws CsvHeaderError when unusable. */
export async function csvColumns(
  kind: ImportKind,
  path: string,
  name: string,
  map: ImportMap | undefined,
): Promise<ColumnPlan[]> {
  const { columns } = await forEachCsvRecord(path, {
    required: [],
    headerOnly: true,
    onRecord: () => undefined,
    onError: () => undefined,
  }).catch((error: unknown) => {
    // Messages name the file as the user knows it, not the path it was saved to.
    if (error instanceof CsvHeaderError)
      throw new CsvHeaderError(error.message.replaceAll(path, name));
    throw error;
  });
  if (columns.length === 0)
    throw new CsvHeaderError(`${name}: the file is empty; expected a header line`);
  const plan = planColumns(kind, columns, map);
  const required = kind === 'events' ? EVENT_CSV_REQUIRED : REQUIRED[kind];
  const match = matchColumns(mappedHeader(plan), required);
  if (!match.ok)
    throw new CsvHeaderError(
      `${name}:1: ${match.problems.join('; ')} (header: ${columns.join(', ')})`,
    );
  return plan.map((p, i) => (p.to === null ? p : { ...p, to: match.columns[i]! }));
}

/** Throws, before anything is read, for a file that is wrong as a whole (header, JSON shape). */
export async function checkImportFile(
  kind: ImportKind,
  path: string,
  name: string,
  map: ImportMap | undefined,
): Promise<void> {
  if ((await formatOf(kind, path)) === 'csv') {
    await csvColumns(kind, path, name, map);
    return;
  }
  const problem = ndjsonShapeProblem(await readHead(path), name);
  if (problem !== undefined) throw new NdjsonShapeError(problem);
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65_536), 0, 65_536, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

type Parse<T> = (values: Record<string, TypedValue>) => RowResult<T>;

function parserOf<K extends ImportKind>(kind: K, now: number): Parse<RowOf[K]> {
  const parsers: { [P in ImportKind]: Parse<RowOf[P]> } = {
    companies: companyOf,
    leads: leadOf,
    events: csvEventOf,
    outcomes: (values) => outcomeOf(values, now),
  };
  return parsers[kind];
}

/** Reads the whole file; resolves once every row went to onRow. */
export async function readImportFile<K extends ImportKind>(
  options: ReadFileOptions<K>,
): Promise<void> {
  const { kind, path, name, map } = options;
  if ((await formatOf(kind, path)) === 'ndjson') {
    await checkImportFile(kind, path, name, map);
    await forEachLine(
      path,
      (line, number) => {
        let message: unknown;
        try {
          message = JSON.parse(line);
        } catch (error) {
          const reason = `not JSON: ${(error as Error).message}`;
          options.onRow({
            line: number,
            text: line,
            values: undefined,
            result: { ok: false, reason },
          });
          return;
        }
        const result = segmentEventOf(message) as RowResult<RowOf[K]>;
        const values =
          typeof message === 'object' && message !== null
            ? (message as Record<string, unknown>)
            : undefined;
        options.onRow({ line: number, text: line, values, result });
      },
      options.onBytes,
    );
    return;
  }
  const plan = await csvColumns(kind, path, name, map);
  const delimiter = await sniffDelimiter(path);
  const parse = parserOf(kind, options.now);
  await forEachCsvRecord(path, {
    required: [],
    onBytes: options.onBytes,
    onError: (line, reason) =>
      options.onRow({ line, text: '', values: undefined, result: { ok: false, reason } }),
    onRecord: (record, line) => {
      const fields = plan.map((p) => record[p.column] ?? '');
      const text = fields.map((f) => quoteField(f, delimiter)).join(delimiter);
      const renamed: Record<string, string> = {};
      plan.forEach((p, i) => {
        if (p.to !== null) renamed[p.to] = fields[i]!;
      });
      const mapped = mapRecord(plan, renamed);
      if (!mapped.ok) {
        options.onRow({ line, text, values: undefined, result: mapped });
        return;
      }
      options.onRow({ line, text, values: mapped.values, result: parse(mapped.values) });
    },
  });
}

function quoteField(field: string, delimiter: string): string {
  return /["\r\n]/.test(field) || field.includes(delimiter)
    ? `"${field.replace(/"/g, '""')}"`
    : field;
}

// Reads an events file, NDJSON of Segment calls or CSV, into lead events or rejects.
import { open } from 'node:fs/promises';
import { eventFromCsvRecord, EVENT_CSV_REQUIRED } from '../../ingest/csv-event.js';
import { NdjsonShapeError, ndjsonShapeProblem } from '../../ingest/ndjson-shape.js';
import { checkCsvHeader, forEachCsvRecord } from '../../ingest/read-csv.js';
import { forEachLine } from '../../ingest/read-lines.js';
import type { Parsed } from '../../ingest/reject.js';
import { eventFromSegment, type LeadEvent } from '../../ingest/segment-event.js';

export type EventsFormat = 'ndjson' | 'csv';

/**
 * By extension; otherwise by the first non-blank character: `{` means NDJSON, and so does `[`
 * (a JSON array, refused by checkEventsFile with a message saying so).
 */
export async function eventsFormatOf(path: string): Promise<EventsFormat> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json'))
    return 'ndjson';
  return /^[{[]/.test((await readHead(path, 4096)).trimStart()) ? 'ndjson' : 'csv';
}

async function readHead(path: string, bytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Refuses, before any reader thread starts, an events file that is wrong as a whole: a CSV
 * header without the event columns, or JSON that is not NDJSON (an array, say) — once, rather
 * than as a rejected row for every line.
 */
export async function checkEventsFile(path: string): Promise<void> {
  if ((await eventsFormatOf(path)) === 'csv') return checkCsvHeader(path, EVENT_CSV_REQUIRED);
  const problem = ndjsonShapeProblem(await readHead(path, 65_536), path);
  if (problem !== undefined) throw new NdjsonShapeError(problem);
}

/**
 * Reads events (NDJSON: only the given byte range, if any, numbering its lines from 1);
 * resolves to the number of lines read.
 */
export async function readEvents(
  path: string,
  onEvent: (parsed: Parsed<LeadEvent>, line: number) => void,
  onBytes?: (bytes: number) => void,
  range?: { start: number; end: number },
): Promise<number> {
  let lines = 0;
  if ((await eventsFormatOf(path)) === 'csv') {
    await forEachCsvRecord(path, {
      required: EVENT_CSV_REQUIRED,
      onRecord: (record, line) => {
        lines = line;
        onEvent(eventFromCsvRecord(record), line);
      },
      onError: (line, reason) => onEvent({ ok: false, reason }, line),
      onBytes,
    });
    return lines;
  }
  return forEachLine(
    path,
    (line, number) => {
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch (error) {
        onEvent({ ok: false, reason: `not JSON: ${(error as Error).message}` }, number);
        return;
      }
      onEvent(eventFromSegment(message), number);
    },
    onBytes,
    range,
  );
}

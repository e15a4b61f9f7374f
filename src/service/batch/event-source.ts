// Reads an events file, NDJSON of Segment calls or CSV, into lead events or rejects.
import { open } from 'node:fs/promises';
import { eventFromCsvRecord, EVENT_CSV_REQUIRED } from '../../ingest/csv-event.js';
import { forEachCsvRecord } from '../../ingest/read-csv.js';
import { forEachLine } from '../../ingest/read-lines.js';
import type { Parsed } from '../../ingest/reject.js';
import { eventFromSegment, type LeadEvent } from '../../ingest/segment-event.js';

export type EventsFormat = 'ndjson' | 'csv';

/** By extension; otherwise by the first non-blank character (`{` means NDJSON). */
export async function eventsFormatOf(path: string): Promise<EventsFormat> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json'))
    return 'ndjson';
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('{')
      ? 'ndjson'
      : 'csv';
  } finally {
    await handle.close();
  }
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

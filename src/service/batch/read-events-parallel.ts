// Reads an events file with one reader thread per core (NDJSON is split at line starts; CSV,
// whose quoted fields may span lines, gets one reader) and joins the results in file order.
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import type { Model } from '../../core/model-schema.js';
import type { Reject } from '../../ingest/reject.js';
import { lineAlignedRanges } from '../../ingest/read-lines.js';
import { checkEventsFile, eventsFormatOf } from './event-source.js';
import type { EventColumns } from './event-table.js';
import type { WorkerInput, WorkerMessage } from './events-worker.js';
import { resultOf, startThread } from './thread.js';

/** Below this size one reader is faster than starting two. */
const SPLIT_BYTES = 16 << 20;

export interface ReadEventsResult {
  parts: EventColumns[];
  read: number;
}

export async function readEventsParallel(options: {
  model: Model;
  leadIds: string[];
  path: string;
  keepMessageIds: boolean;
  threads?: number | undefined;
  onReject: (reject: Reject) => void;
  onBytes?: ((bytesRead: number) => void) | undefined;
}): Promise<ReadEventsResult> {
  const { size } = await stat(options.path);
  await checkEventsFile(options.path);
  const wanted = options.threads ?? Math.min(2, availableParallelism());
  const csv = (await eventsFormatOf(options.path)) === 'csv';
  const ranges =
    csv || wanted <= 1 || size < SPLIT_BYTES
      ? [undefined]
      : await lineAlignedRanges(options.path, size, wanted);
  let bytes = 0;
  const results = await Promise.all(
    ranges.map((range) =>
      runWorker(
        {
          model: options.model,
          leadIds: options.leadIds,
          path: options.path,
          range,
          keepMessageIds: options.keepMessageIds,
        },
        (more) => {
          bytes += more;
          options.onBytes?.(bytes);
        },
      ),
    ),
  );
  // Each reader numbered its own lines from 1: shift them by the lines of the ranges before.
  let lineOffset = 0;
  let read = 0;
  for (const result of results) {
    for (const r of result.rejects) {
      options.onReject({
        file: options.path,
        line: r.line + lineOffset,
        kind: 'event',
        reason: r.reason,
        leadId: r.leadId,
      });
    }
    lineOffset += result.lines;
    read += result.read;
  }
  options.onBytes?.(size);
  return { parts: results.map((r) => r.columns), read };
}

type Done = Extract<WorkerMessage, { type: 'done' }>;

function runWorker(input: WorkerInput, onBytes: (more: number) => void): Promise<Done> {
  return resultOf(startThread('events-worker', input), (message) => {
    const m = message as WorkerMessage;
    if (m.type === 'progress') {
      onBytes(m.bytes);
      return undefined;
    }
    return m;
  });
}

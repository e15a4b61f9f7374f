// Runs a background job under its lease and keeps its record: running with its progress (written
// at most every 250 ms), then succeeded with what it did (and its result document, if any), or
// failed with why. Never rejects: the job record tells the outcome.
import type { JsonObject, Store } from '../../store/port.js';
import { holdLease, type HeldLease } from './job-lease.js';

export type ReportProgress = (done: number, total: number) => void;

/** What a job did: items done, and for a read-only job the document it found. */
export interface JobOutcome {
  done: number;
  result?: JsonObject;
}

/** Progress is written at most this often: a job over 100,000 leads should not write 100 times a second. */
const PROGRESS_EVERY_MS = 250;

export async function runJob(
  store: Store,
  ws: string,
  jobId: string,
  clock: () => number,
  work: (progress: ReportProgress) => Promise<JobOutcome>,
  held?: HeldLease,
): Promise<void> {
  // Let the request that started the job answer first.
  await new Promise((resolve) => setImmediate(resolve));
  const lease = held ?? (await holdLease(store, ws, jobId));
  // Held by another process: it runs the job.
  if (!lease) return;
  try {
    await store.updateJob(ws, jobId, { status: 'running', progress: 0, startedAt: clock() });
    let written = 0;
    const outcome = await work((progress, total) => {
      const at = Date.now();
      if (at - written < PROGRESS_EVERY_MS && progress !== total) return;
      written = at;
      store.updateJob(ws, jobId, { progress, total }).catch(() => undefined);
    });
    if (outcome.result) await store.putJobResult(ws, jobId, outcome.result);
    await store.updateJob(ws, jobId, {
      status: 'succeeded',
      progress: outcome.done,
      total: outcome.done,
      finishedAt: clock(),
    });
  } catch (error) {
    await store
      .updateJob(ws, jobId, {
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        finishedAt: clock(),
      })
      // The store itself is gone (closed at shutdown): the job stays unfinished; the next start
      // deals with it.
      .catch(() => undefined);
  } finally {
    await lease.release();
  }
}

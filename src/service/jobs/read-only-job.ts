// A background job that only reads (a backtest, an analytics report): queued at once, run on the
// next turn, its progress on the job record and its result document stored when it succeeds.
// Nothing it does needs undoing, so a restart marks it failed (see resumeActivations) rather than
// running it again. It runs under a lease (jobs/job-lease.ts).
import type { Job, JsonObject, Store } from '../../store/port.js';
import { holdLease } from './job-lease.js';

export type ReportProgress = (done: number, total: number) => void;

/** Answers the queued job; `running` resolves when it has ended and never rejects. */
export async function startReadOnlyJob(
  store: Store,
  ws: string,
  kind: string,
  clock: () => number,
  work: (progress: ReportProgress) => Promise<JsonObject>,
): Promise<{ job: Job; running: Promise<void> }> {
  const job = await store.createJob(ws, { kind, total: 0 }, clock());
  const running = run(store, ws, job.id, clock, work);
  return { job, running };
}

/** Progress is written at most this often: a job over 100,000 leads should not write 100 times a second. */
const PROGRESS_EVERY_MS = 250;

async function run(
  store: Store,
  ws: string,
  jobId: string,
  clock: () => number,
  work: (progress: ReportProgress) => Promise<JsonObject>,
): Promise<void> {
  // Let the request that started the job answer first.
  await new Promise((resolve) => setImmediate(resolve));
  const lease = await holdLease(store, ws, jobId);
  // Held by another process: it runs the job.
  if (!lease) return;
  try {
    await store.updateJob(ws, jobId, { status: 'running', progress: 0, startedAt: clock() });
    let written = 0;
    let finalTotal = 0;
    const result = await work((progress, total) => {
      finalTotal = total;
      const at = Date.now();
      if (at - written < PROGRESS_EVERY_MS) return;
      written = at;
      store.updateJob(ws, jobId, { progress, total }).catch(() => undefined);
    });
    await store.putJobResult(ws, jobId, result);
    await store.updateJob(ws, jobId, {
      status: 'succeeded',
      progress: finalTotal,
      total: finalTotal,
      finishedAt: clock(),
    });
  } catch (error) {
    await store
      .updateJob(ws, jobId, {
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        finishedAt: clock(),
      })
      .catch(() => undefined);
  } finally {
    await lease.release();
  }
}

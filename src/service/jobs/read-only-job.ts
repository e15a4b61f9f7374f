// A background job that only reads (a backtest, an analytics report): queued at once, run on the
// next turn under its lease (see run-job.ts), its result document stored when it succeeds.
// Nothing it does needs undoing, so a restart marks it failed (see resumeActivations) rather than
// running it again.
import type { Job, JsonObject, Store } from '../../store/port.js';
import { runJob, type ReportProgress } from './run-job.js';

export type { ReportProgress } from './run-job.js';

/** Answers the queued job; `running` resolves when it has ended and never rejects. */
export async function startReadOnlyJob(
  store: Store,
  ws: string,
  kind: string,
  clock: () => number,
  work: (progress: ReportProgress) => Promise<JsonObject>,
): Promise<{ job: Job; running: Promise<void> }> {
  const job = await store.createJob(ws, { kind, total: 0 }, clock());
  const running = runJob(store, ws, job.id, clock, async (progress) => {
    let total = 0;
    const result = await work((done, all) => {
      total = all;
      progress(done, all);
    });
    return { done: total, result };
  });
  return { job, running };
}

// Activating a model version: a background job that rescores every lead with it and switches
// all leads over at once, its progress and outcome kept on the job record.
import type { Job, Store } from '../../store/port.js';
import { StoreError } from '../../store/port.js';
import { rescoreWorkspace } from '../rescore/rescore-workspace.js';
import type { ActiveModels } from '../scoring/active-model.js';

export const ACTIVATION_JOB = 'activate-model';

/**
 * Answers the queued job at once; `running` resolves when the job has ended (tests and
 * shutdown wait on it; the API does not).
 */
export async function startActivation(
  store: Store,
  models: ActiveModels,
  ws: string,
  version: number,
  clock: () => number,
): Promise<{ job: Job; running: Promise<void> }> {
  if (!(await store.getModel(ws, version)))
    throw new StoreError('not_found', `no model version ${version}`);
  const job = await store.createJob(ws, { kind: ACTIVATION_JOB, total: 0 }, clock());
  const running = run(store, models, ws, version, job.id, clock);
  return { job, running };
}

async function run(
  store: Store,
  models: ActiveModels,
  ws: string,
  version: number,
  jobId: string,
  clock: () => number,
): Promise<void> {
  // Let the request that started the job answer first.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    await store.updateJob(ws, jobId, { status: 'running', startedAt: clock() });
    let reported = 0;
    const done = await rescoreWorkspace(store, models, ws, version, clock(), (p) => {
      if (p.leads - reported < 1000 && p.leads !== p.total) return;
      reported = p.leads;
      void store.updateJob(ws, jobId, { progress: p.leads, total: p.total });
    });
    await store.updateJob(ws, jobId, {
      status: 'succeeded',
      progress: done.leads,
      total: done.leads,
      finishedAt: clock(),
    });
  } catch (error) {
    await store.updateJob(ws, jobId, {
      status: 'failed',
      error: error instanceof Error ? error.message : String(error),
      finishedAt: clock(),
    });
  }
}

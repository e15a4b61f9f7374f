// One background job with its result (null until it has one), for following a job's progress.
import { StoreError, type Job, type JsonObject, type Store } from '../../store/port.js';

/** Throws StoreError 'not_found' for a job the workspace does not have. */
export async function jobWithResult(
  store: Store,
  ws: string,
  id: string,
): Promise<{ job: Job; result: JsonObject | null }> {
  const job = await store.getJob(ws, id);
  if (!job) throw new StoreError('not_found', `no job "${id}"`);
  const result = await store.getJobResult(ws, job.id);
  return { job, result: result ?? null };
}

// The workspace's most recent background jobs, newest first, for the jobs list.
import { JOB_STATUSES, type Job, type Store } from '../../store/port.js';

export async function recentJobs(store: Store, ws: string, limit: number): Promise<Job[]> {
  // A workspace runs few jobs (one per activation, backtest, training run): reading them all
  // and keeping the newest is cheaper than another store method per adapter.
  const jobs = await store.listJobs(ws, { status: JOB_STATUSES });
  return jobs.reverse().slice(0, limit);
}

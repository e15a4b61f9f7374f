// Activating a model version: a background job that rescores every lead with it and switches
// all leads over at once, its progress and outcome kept on the job record; jobs a dead process
// left unfinished are run again when the next one starts.
import type { Job, Store } from '../../store/port.js';
import { StoreError } from '../../store/port.js';
import { holdLease, LEASE_OWNER, type HeldLease } from '../jobs/job-lease.js';
import { runJob } from '../jobs/run-job.js';
import { noteAudit } from '../audit/audit-scope.js';
import { rescoreWorkspace } from '../rescore/rescore-workspace.js';
import type { ActiveModels } from '../scoring/active-model.js';

export const ACTIVATION_JOB = 'activate-model';

/** The job's kind names the version (`activate-model:3`), so that it can be run again. */
export function activationKind(version: number): string {
  return `${ACTIVATION_JOB}:${version}`;
}

/**
 * The version an activation job's kind names; null for a job of another kind, undefined for one
 * made before kinds named their version.
 */
export function activationVersion(kind: string): number | null | undefined {
  if (kind === ACTIVATION_JOB) return undefined;
  const match = /^activate-model:([1-9]\d*)$/.exec(kind);
  return match ? Number(match[1]) : null;
}

/**
 * Answers the queued job at once; `running` resolves when the job has ended (tests and
 * shutdown wait on it; the API does not). It never rejects: the job record tells the outcome.
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
  // The switch itself happens when the job ends; the request's change is the job started.
  noteAudit(`model:${version}`, {
    before: { active: (await store.activeModelVersion(ws)) ?? null },
    after: { active: version },
  });
  const job = await store.createJob(ws, { kind: activationKind(version), total: 0 }, clock());
  const running = run(store, models, ws, version, job.id, clock);
  return { job, running };
}

export interface Resumed {
  /** Jobs run again from the start, in the background. */
  resumed: Job[];
  /** Jobs marked failed: there is nothing left to run. */
  failed: Job[];
  /** Jobs another live server holds the lease of: it runs them. */
  skipped: Job[];
  /** Resolves when every resumed job has ended. */
  running: Promise<void>;
}

/**
 * Jobs run inside the server process, so a job still queued or running when the process starts
 * was cut short by the previous one dying. Each activation job is run again from the start (safe:
 * a rescore switches leads over only at its end, in one transaction), or marked failed when its
 * model version is gone. Per workspace they run one after another in the order they were
 * started, so the version activated last ends up active, as it would have. A job whose lease
 * another live server holds (two servers on one database) is left to it. With `orphansOnly` (the
 * periodic check of a running server) only jobs some process started and then left (their lease
 * ran out) are taken: a job never leased may be one another process is just starting.
 */
export async function resumeActivations(
  store: Store,
  models: ActiveModels,
  clock: () => number,
  options: { orphansOnly?: boolean } = {},
): Promise<Resumed> {
  const resumed: Job[] = [];
  const failed: Job[] = [];
  const skipped: Job[] = [];
  const queues: Promise<void>[] = [];
  for (const { id: ws } of await store.listWorkspaces()) {
    const toRun: { job: Job; version: number; lease: HeldLease }[] = [];
    for (const job of await store.listJobs(ws, { status: ['queued', 'running'] })) {
      if (options.orphansOnly) {
        const owner = await store.jobLeaseOwner(ws, job.id);
        // Unleased: just being started. Ours: this process runs it. leaseJob renews a lease for
        // its own owner, so the check would otherwise take every job this server has run for
        // longer than one check (an import of a million events), failing it or running it twice.
        if (owner === null || owner === LEASE_OWNER) continue;
      }
      // A live lease: another server (sharing the database) is running it.
      const lease = await holdLease(store, ws, job.id);
      if (!lease) {
        skipped.push(job);
        continue;
      }
      const version = activationVersion(job.kind);
      const missing =
        version === null
          ? // A read-only job (backtest, report): nothing to finish; its caller can start it again.
            'start it again'
          : await whyNotResumable(store, ws, version);
      if (missing === undefined && version !== undefined && version !== null) {
        toRun.push({ job, version, lease });
        resumed.push(job);
        continue;
      }
      const error =
        version === null
          ? 'interrupted by a restart: start it again'
          : `interrupted by a restart and not run again: ${missing}`;
      failed.push(
        await store.updateJob(ws, job.id, { status: 'failed', error, finishedAt: clock() }),
      );
      await lease.release();
    }
    if (toRun.length > 0)
      queues.push(
        (async () => {
          for (const { job, version, lease } of toRun)
            await run(store, models, ws, version, job.id, clock, lease);
        })(),
      );
  }
  return { resumed, failed, skipped, running: Promise.all(queues).then(() => undefined) };
}

async function whyNotResumable(
  store: Store,
  ws: string,
  version: number | undefined,
): Promise<string | undefined> {
  if (version === undefined) return 'the job does not record which model version it activates';
  if (!(await store.getModel(ws, version))) return `model version ${version} no longer exists`;
  return undefined;
}

function run(
  store: Store,
  models: ActiveModels,
  ws: string,
  version: number,
  jobId: string,
  clock: () => number,
  held?: HeldLease,
): Promise<void> {
  return runJob(
    store,
    ws,
    jobId,
    clock,
    async (progress) => {
      const done = await rescoreWorkspace(store, models, ws, version, clock(), (p) =>
        progress(p.leads, p.total),
      );
      return { done: done.leads };
    },
    held,
  );
}

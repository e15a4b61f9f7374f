// Background jobs run in the server process that holds their lease (see store/job-lease-port.ts),
// renewed while the job runs: with two servers on one database, a job is run once. A job whose
// process died is taken over at once when that process was on this machine (its pid is gone, or
// is now ours), else once its lease has run out. Leases follow the wall clock, whatever clock
// the job scores with.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../../store/port.js';

export const LEASE_MS = 30_000;

const INCARNATION = randomUUID().slice(0, 8);

/** This process as a lease owner: `host:pid:incarnation`. */
export const LEASE_OWNER = `${hostname()}:${process.pid}:${INCARNATION}`;

export interface HeldLease {
  /** Stops renewing and gives the lease up. */
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True for an owner that was a process of this machine and is gone. */
export function isDeadLocalOwner(owner: string): boolean {
  const match = /^(.*):(\d+):([0-9a-f]{8})$/.exec(owner);
  if (!match || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  // Our own pid with another incarnation: a process before this one had it (pid 1 in a container).
  if (pid === process.pid) return match[3] !== INCARNATION;
  return !isAlive(pid);
}

/** Takes the job's lease and keeps renewing it; undefined when another live process holds it. */
export async function holdLease(
  store: Store,
  ws: string,
  jobId: string,
): Promise<HeldLease | undefined> {
  const take = (takeOverFrom?: string) => {
    const now = Date.now();
    return store.leaseJob(ws, jobId, LEASE_OWNER, now + LEASE_MS, now, takeOverFrom);
  };
  if (!(await take())) {
    const owner = await store.jobLeaseOwner(ws, jobId);
    if (owner === null || !isDeadLocalOwner(owner) || !(await take(owner))) return undefined;
  }
  const timer = setInterval(() => void take().catch(() => undefined), LEASE_MS / 3);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      // A store already closed (shutdown): the lease runs out on its own.
      await store.releaseJob(ws, jobId, LEASE_OWNER).catch(() => undefined);
    },
  };
}

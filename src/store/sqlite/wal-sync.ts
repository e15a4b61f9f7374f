// Durability of SQLite commits without blocking the event loop. The connection runs with
// synchronous = NORMAL, so COMMIT writes its WAL frames but does not fsync them; before a commit
// is acknowledged, this flushes the WAL file to disk on libuv's thread pool. That is the same
// guarantee as synchronous = FULL (the WAL is synced after the commit's frames are written), but
// while one group of transactions waits for the disk the next group already runs, and one flush
// covers every commit written before it started.
//
// Like PostgreSQL, it stops after a failed flush: Linux may have dropped the unwritten pages and
// reports the error once, so nothing later could be acknowledged as durable. Every later call
// fails with the same error until the store is opened again (recovery then reads what reached
// the disk).
import { open } from 'node:fs/promises';

interface Waiter {
  generation: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class WalSync {
  /** Commits written so far (each one bumps it, right after its COMMIT returned). */
  private committed = 0;
  /** Commits known to be on disk. */
  private synced = 0;
  private waiters: Waiter[] = [];
  private flushing = false;
  private failure: Error | undefined;

  constructor(private readonly walFile: string) {}

  /** Call right after a COMMIT that changed something returned. */
  committedOne(): void {
    this.committed++;
  }

  /** Resolves once everything committed until now is on disk. */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const generation = this.committed;
    if (this.synced >= generation) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ generation, resolve, reject });
      if (!this.flushing) void this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiters.length > 0 && !this.failure) {
        // Everything committed before the flush starts is covered by it.
        const covered = this.committed;
        try {
          await flushFile(this.walFile);
        } catch (error) {
          this.failure = new Error(
            `could not flush the SQLite write-ahead log ${this.walFile} to disk: ${String(error)}; ` +
              'no commit can be acknowledged as durable until the store is reopened',
          );
          break;
        }
        this.synced = covered;
        const still: Waiter[] = [];
        for (const waiter of this.waiters) {
          if (waiter.generation <= covered) waiter.resolve();
          else still.push(waiter);
        }
        this.waiters = still;
      }
    } finally {
      this.flushing = false;
      if (this.failure) {
        for (const waiter of this.waiters) waiter.reject(this.failure);
        this.waiters = [];
      }
    }
  }
}

async function flushFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

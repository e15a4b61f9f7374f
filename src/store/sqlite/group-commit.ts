// Group commit for the SQLite store: transactions that queue up while one commits share the
// next commit. Each still stands alone (a savepoint of its own, rolled back alone on error) and
// each caller hears back only once the commit holding its work is durable; what the group saves
// is the fsync and the pages that many small transactions would each write to the WAL again.
// With a WalSync the flush to disk happens off the event loop, after the connection is free
// again: the next group runs while the previous one waits for the disk.
import type Database from 'better-sqlite3';
import type { Db } from './sqlite-db.js';
import type { Mutex } from './mutex.js';
import type { WalSync } from './wal-sync.js';

interface Pending<T = unknown> {
  fn: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** At most this many transactions share one commit (bounds the latency of the first). */
  maxGroup: number;
  /** Flushes commits to disk before they are acknowledged; without it COMMIT alone must do. */
  walSync?: WalSync;
  /**
   * Awaited after each group's commit, with no transaction open and the next group held back
   * (the WAL's upkeep); the group itself is answered without waiting for it.
   */
  afterCommit?: () => Promise<void>;
  /** Called as each group's transaction ends: committed, or rolled back whole. */
  settled?: (committed: boolean) => void;
}

export class GroupCommit {
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly totalChanges: () => number;

  constructor(
    private readonly db: Db,
    private readonly mutex: Mutex,
    private readonly options: GroupCommitOptions,
  ) {
    let statement: Database.Statement<[], number> | undefined;
    this.totalChanges = () =>
      (statement ??= db.prepare<[], number>('SELECT total_changes()').pluck()).get() ?? 0;
  }

  /** Runs fn inside a transaction; resolves with its result once that transaction is committed. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve, reject } as Pending);
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.options.maxGroup);
        await this.mutex.run(() => this.commitGroup(group));
        // Let the event loop read the requests that arrived meanwhile: they form the next group.
        if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const { db } = this;
    const { walSync } = this.options;
    let outcomes: Outcome[];
    const changesBefore = walSync ? this.totalChanges() : 0;
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.options.settled?.(false);
      for (const pending of group) pending.reject(error);
      return;
    }
    try {
      outcomes = [];
      for (const pending of group) outcomes.push(await this.runOne(pending));
      db.exec('COMMIT');
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the group is stored.
      if (db.inTransaction) db.exec('ROLLBACK');
      this.options.settled?.(false);
      for (const pending of group) pending.reject(error);
      return;
    }
    this.options.settled?.(true);
    if (!walSync) {
      settle(group, outcomes);
    } else {
      if (this.totalChanges() !== changesBefore) walSync.committedOne();
      // Also a group that changed nothing waits for the commits before it: what it read (a
      // messageId already stored, say) must be durable before it is acknowledged.
      walSync.durable().then(
        () => settle(group, outcomes),
        (error: unknown) => {
          for (const pending of group) pending.reject(error);
        },
      );
    }
    // Upkeep must never fail the store: a WAL that did not restart is tried again later.
    await this.options.afterCommit?.().catch(() => undefined);
  }

  /** One transaction of the group, undone alone when it throws. */
  private async runOne(pending: Pending): Promise<Outcome> {
    const { db } = this;
    db.exec('SAVEPOINT one');
    try {
      const value = await pending.fn();
      db.exec('RELEASE one');
      return { ok: true, value };
    } catch (error) {
      // A failed statement may already have ended the whole transaction (SQLITE_FULL, ...).
      if (!db.inTransaction) throw error;
      db.exec('ROLLBACK TO one');
      db.exec('RELEASE one');
      return { ok: false, error };
    }
  }
}

function settle(group: Pending[], outcomes: Outcome[]): void {
  group.forEach((pending, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) pending.resolve(outcome.value);
    else pending.reject(outcome.error);
  });
}

// The SQLite store: one better-sqlite3 connection in WAL mode, transactions taken in turn.
import Database from 'better-sqlite3';
import type { Store, StoreTx } from '../port.js';
import { refuseNested, transactionPerCall } from '../store-methods.js';
import { migrations } from '../migrations/index.js';
import { Checkpointer } from './checkpointer.js';
import { WalSync } from './wal-sync.js';
import { GroupCommit } from './group-commit.js';
import { Mutex } from './mutex.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { sqliteSqlDb } from './sqlite-sql-db.js';
import { sqlTxMethods } from '../sql/tx-methods.js';
import { PendingWorkspaceKeys, WorkspaceKeyCache } from '../sql/workspace-keys.js';

export interface SqliteStoreOptions {
  /** The database file (created if missing). */
  file: string;
  /**
   * 'full' (default) survives power loss once a transaction is acknowledged (its WAL flushed to
   * disk, off the event loop); 'normal' survives a crash of the process but may lose the last
   * commits on power loss, and acknowledges without waiting for the disk.
   */
  synchronous?: 'full' | 'normal';
  /** Most transactions that share one commit (default 64); 1 commits each on its own. */
  maxGroup?: number;
  /**
   * Checkpoint the WAL from a background thread every this many ms instead of inside commits
   * (the server does; off by default, as each store then runs a thread).
   */
  backgroundCheckpointMs?: number;
  /** With the background checkpoints: WAL frames past which the WAL is made to start over. */
  walRestartFrames?: number;
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  // 'full' durability without blocking the event loop: commits write the WAL (NORMAL) and the
  // WalSync flushes it to disk on the thread pool before any transaction is acknowledged.
  db.pragma('synchronous = NORMAL');
  const walSync =
    options.synchronous === 'normal' || db.memory ? undefined : new WalSync(`${db.name}-wal`);
  db.pragma('foreign_keys = ON');
  // Another process (a CLI command) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  // 64 MB of page cache instead of 2: scores and index pages stay in memory between requests.
  db.pragma('cache_size = -65536');
  // Pages are read from a mapping of the file instead of one system call each: a full rescore
  // reads events in lead order, all over a file of a gigabyte or more (2 GB: SQLite's maximum).
  db.pragma('mmap_size = 2147418112');

  const checkpointer =
    options.backgroundCheckpointMs === undefined
      ? undefined
      : new Checkpointer(
          db,
          options.file,
          options.backgroundCheckpointMs,
          options.walRestartFrames,
        );

  const mutex = new Mutex();
  // One connection, transactions in turn: one set of pending workspace keys serves them all.
  const keys = new PendingWorkspaceKeys(new WorkspaceKeyCache());
  let tx: StoreTx | undefined;
  // Built on first use: statements are prepared lazily, once the schema exists.
  const txMethods = (): StoreTx => {
    if (tx) return tx;
    const sqlDb = sqliteSqlDb(db);
    tx = sqlTxMethods(sqlDb, keys.on(sqlDb));
    return tx;
  };
  const runOne = async <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const mark = keys.mark();
    try {
      return await fn(txMethods());
    } catch (error) {
      keys.rollbackTo(mark);
      throw error;
    }
  };

  const group = new GroupCommit(db, mutex, {
    maxGroup: options.maxGroup ?? 64,
    ...(walSync ? { walSync } : {}),
    ...(checkpointer ? { afterCommit: () => checkpointer.restartIfLong() } : {}),
    settled: (committed) => (committed ? keys.publish() : keys.forget()),
  });
  const transaction: Store['transaction'] = refuseNested((fn) => group.run(() => runOne(fn)));

  return {
    ...transactionPerCall(transaction),
    kind: 'sqlite',
    transaction,
    migrate: () => mutex.run(async () => migrateSqlite(db, migrations, Date.now())),
    analyze: () =>
      mutex.run(async () => {
        // Sampled statistics, as SQLite advises: a full ANALYZE reads every index entry, seconds
        // for millions of events, and the plans do not need more.
        db.exec('PRAGMA analysis_limit = 1000');
        db.exec('ANALYZE');
      }),
    close: () =>
      mutex.run(async () => {
        // Commits already written are flushed (and acknowledged) before the WAL goes away.
        await walSync?.durable().catch(() => undefined);
        await checkpointer?.stop();
        db.close();
      }),
  };
}

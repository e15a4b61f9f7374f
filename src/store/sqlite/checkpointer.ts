// WAL checkpoints off the request path: a thread with its own connection copies the WAL's
// committed pages back into the database every interval (a PASSIVE checkpoint, which never
// blocks the writer), while the main connection no longer does so inside its commits. Should the
// thread fail, the main connection goes back to checkpointing inline, so the WAL cannot grow
// without bound.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './sqlite-db.js';

/** SQLite's default: checkpoint inside the commit that takes the WAL past 1000 pages. */
const INLINE_PAGES = 1000;

// The thread's code, as plain CommonJS: it runs the same from the TypeScript sources (tests,
// tsx) and from the build, and loads better-sqlite3 from the path the main thread resolved.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private stopped = false;
  private readonly exited: Promise<void>;

  constructor(db: Db, file: string, intervalMs: number) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(THREAD, { eval: true, workerData: { file, intervalMs, driver } });
    db.pragma('wal_autocheckpoint = 0');
    const fallBack = () => {
      if (!this.stopped && db.open) db.pragma(`wal_autocheckpoint = ${INLINE_PAGES}`);
    };
    this.worker.on('error', fallBack);
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        fallBack();
        resolve();
      }),
    );
    // The thread must not keep the process alive on its own.
    this.worker.unref();
  }

  /** True until the thread ended (stopped, or failed: then commits checkpoint inline again). */
  get running(): boolean {
    return this.worker.threadId !== -1;
  }

  /** Ends the thread (its connection closes; the main one's close then checkpoints the rest). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Held while it stops: an unreferenced thread would let the process end before this resolves.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}

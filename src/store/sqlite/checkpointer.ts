// WAL checkpoints off the request path: a thread with its own connection copies the WAL's
// committed pages back into the database every interval (a PASSIVE checkpoint, which never
// blocks the writer), while the main connection no longer does so inside its commits. Should the
// thread fail, the main connection goes back to checkpointing inline, so the WAL cannot grow
// without bound.
//
// Under sustained writes that alone is not enough: SQLite starts the WAL over from its beginning
// only when a write transaction begins with every frame already copied, and with commits every
// few milliseconds the thread's checkpoint never finishes between two of them, so the file would
// grow by every page ever written (hundreds of MB a minute). So the thread reports how long the
// WAL is, and once it passes restartFrames the main connection, between two transactions, holds
// the next one back while the thread checkpoints once more (the event loop stays free; calls
// just queue for those milliseconds): with no writer active that checkpoint copies every frame,
// and the next transaction starts the WAL over.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './sqlite-db.js';

/** SQLite's default: checkpoint inside the commit that takes the WAL past 1000 pages. */
const INLINE_PAGES = 1000;

/** 16,384 pages: 64 MB of WAL with 4 KB pages. */
const DEFAULT_RESTART_FRAMES = 16_384;

// The thread's code, as plain CommonJS: it runs the same from the TypeScript sources (tests,
// tsx) and from the build, and loads better-sqlite3 from the path the main thread resolved.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = (requested) => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ walFrames: result.log, requested });
  } catch (error) {
    parentPort.postMessage({ error: String(error), requested });
  }
};
const timer = setInterval(() => checkpoint(false), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') return checkpoint(true);
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

  /** The WAL's length in frames, as the thread last saw it. */
  private walFrames = 0;
  /** Resolve the checkpoints asked of the thread, oldest first (it answers in order). */
  private readonly requested: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    file: string,
    intervalMs: number,
    /** Frames (pages) past which the main connection makes the WAL start over. */
    private readonly restartFrames = DEFAULT_RESTART_FRAMES,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(THREAD, { eval: true, workerData: { file, intervalMs, driver } });
    this.worker.on('message', (message: { walFrames?: number; requested?: boolean }) => {
      if (typeof message.walFrames === 'number') this.walFrames = message.walFrames;
      if (message.requested) this.requested.shift()?.();
    });
    db.pragma('wal_autocheckpoint = 0');
    const fallBack = () => {
      if (!this.stopped && db.open) db.pragma(`wal_autocheckpoint = ${INLINE_PAGES}`);
    };
    this.worker.on('error', fallBack);
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        fallBack();
        for (const answered of this.requested.splice(0)) answered();
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

  /**
   * Await between transactions, holding back the next one: when the WAL has grown past
   * restartFrames, has the thread checkpoint now, while nothing writes, so that the next write
   * transaction starts the WAL over. Resolves once the thread answered (or ended).
   */
  async restartIfLong(): Promise<void> {
    if (this.walFrames <= this.restartFrames || !this.running || this.stopped) return;
    // Until the thread's answer says how long the WAL still is.
    this.walFrames = 0;
    await this.checkpoint();
  }

  /**
   * Has the thread checkpoint now, as its timer does (PASSIVE, reporting the WAL's length);
   * resolves once it answered (or ended). Tests call it to place a checkpoint exactly.
   */
  checkpoint(): Promise<void> {
    if (!this.running || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      // A thread that does not answer must not hold the writes back for long (its late answer
      // then resolves this promise again, which does nothing).
      const timer = setTimeout(resolve, 10_000);
      this.requested.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage('checkpoint');
    });
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

// The background checkpointer under writes that never pause, driven by count: the test places
// each of the thread's checkpoints inside a write transaction, as the timer's would land when
// commits come back to back, so nothing depends on how fast the machine or its threads run.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'leadscore-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Longer than any test: the thread's own timer never fires, the test decides every checkpoint. */
const NEVER_MS = 3_600_000;

function openDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // As the store runs it: commits write the WAL without waiting for the disk.
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return db;
}

describe('Checkpointer', () => {
  it('makes the WAL start over when a checkpoint never finds the writer idle', async () => {
    const file = join(dir, 'sustained.db');
    const db = openDb(file);
    const restartFrames = 64;
    const checkpointer = new Checkpointer(db, file, NEVER_MS, restartFrames);
    const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const transactions = 80;
    for (let t = 0; t < transactions; t++) {
      db.exec('BEGIN IMMEDIATE');
      for (let i = 0; i < 20; i++) insert.run('x'.repeat(2000));
      // The thread copies what was committed while this transaction is still open, so the WAL
      // is never found fully copied between two transactions: on its own it never starts over.
      await checkpointer.checkpoint();
      db.exec('COMMIT');
      await checkpointer.restartIfLong();
    }
    // Without the restart the WAL holds every page written (over 3 MB of rows, about 4 MB); with
    // it, restartFrames pages plus the transactions before the thread's report (about 0.4 MB).
    const bound = 4 * restartFrames * pageSize;
    expect(transactions * 20 * 2000).toBeGreaterThan(3 * bound);
    expect(statSync(`${file}-wal`).size).toBeLessThan(bound);
    expect(db.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(transactions * 20);
    await checkpointer.stop();
    db.close();
  });

  it('answers every checkpoint asked, in order, and none after it stopped', async () => {
    const file = join(dir, 'asked.db');
    const db = openDb(file);
    const checkpointer = new Checkpointer(db, file, NEVER_MS);
    db.prepare('INSERT INTO rows (body) VALUES (?)').run('x');
    const answered: number[] = [];
    await Promise.all([1, 2, 3].map((n) => checkpointer.checkpoint().then(() => answered.push(n))));
    expect(answered).toEqual([1, 2, 3]);
    await checkpointer.stop();
    expect(checkpointer.running).toBe(false);
    await expect(checkpointer.checkpoint()).resolves.toBeUndefined();
    db.close();
  });
});

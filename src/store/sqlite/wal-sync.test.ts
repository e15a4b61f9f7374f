import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WalSync } from './wal-sync.js';

const dir = mkdtempSync(join(tmpdir(), 'leadscore-walsync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WalSync', () => {
  it('answers at once when nothing was committed since the last flush', async () => {
    // No file at all: a flush would fail, so resolving proves none was attempted.
    const sync = new WalSync(join(dir, 'absent-wal'));
    await expect(sync.durable()).resolves.toBeUndefined();
  });

  it('flushes after a commit, and every waiter of the same flush is answered', async () => {
    const file = join(dir, 'db-wal');
    writeFileSync(file, 'frames');
    const sync = new WalSync(file);
    sync.committedOne();
    const first = sync.durable();
    sync.committedOne();
    const second = sync.durable();
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    // Flushed: nothing left to wait for.
    await expect(sync.durable()).resolves.toBeUndefined();
  });

  it('fails every later call once a flush failed, naming the file', async () => {
    const file = join(dir, 'gone', 'db-wal');
    const sync = new WalSync(file);
    sync.committedOne();
    await expect(sync.durable()).rejects.toThrow(
      `could not flush the SQLite write-ahead log ${file}`,
    );
    // No new commit, still refused: what was written may not be on disk.
    await expect(sync.durable()).rejects.toThrow('until the store is reopened');
  });
});

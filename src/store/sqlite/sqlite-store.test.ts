// The store contract on SQLite (a temporary file per test), plus SQLite's own serialisation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract/index.js';
import { migrations } from '../migrations/index.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'leadscore-sqlite-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const makeStore = async () => {
  const store = openSqliteStore({ file: join(dir, `store-${files++}.db`) });
  return { store, cleanup: () => store.close() };
};

runStoreContract('sqlite', makeStore);

describe('sqlite store', () => {
  it('runs transactions one at a time: a read-await-write never interleaves', async () => {
    const { store, cleanup } = await makeStore();
    await store.migrate();
    const ws = (await store.createWorkspace('w', 0)).id;
    await store.upsertLead(ws, 'u1', { n: 0 }, 0);
    const order: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.transaction(async (tx) => {
          order.push(`begin ${i}`);
          const n = Number((await tx.getLead(ws, 'u1'))?.traits.n);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await tx.upsertLead(ws, 'u1', { n: n + 1 }, i);
          order.push(`end ${i}`);
        }),
      ),
    );
    expect((await store.getLead(ws, 'u1'))?.traits.n).toBe(10);
    expect(order).toEqual(Array.from({ length: 10 }, (_, i) => [`begin ${i}`, `end ${i}`]).flat());
    await cleanup();
  });

  it('keeps data across reopening the file, and uses WAL', async () => {
    const file = join(dir, 'reopen.db');
    const first = openSqliteStore({ file });
    expect(await first.migrate()).toEqual(migrations.map((m) => m.id));
    const ws = await first.createWorkspace('kept', 1);
    await first.close();
    const second = openSqliteStore({ file });
    expect(await second.migrate()).toEqual([]);
    expect(await second.getWorkspace(ws.id)).toEqual(ws);
    await second.close();
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('commits transactions that queue up together, each undone alone when it throws', async () => {
    const { store, cleanup } = await makeStore();
    await store.migrate();
    const ws = (await store.createWorkspace('w', 0)).id;
    const calls = Array.from({ length: 20 }, (_, i) =>
      store.transaction(async (tx) => {
        await tx.upsertLead(ws, `u${i}`, { i }, i);
        if (i % 5 === 3) throw new Error(`refused ${i}`);
        return i;
      }),
    );
    const settled = await Promise.allSettled(calls);
    settled.forEach((outcome, i) => {
      if (i % 5 === 3)
        expect(outcome).toMatchObject({ status: 'rejected', reason: { message: `refused ${i}` } });
      else expect(outcome).toEqual({ status: 'fulfilled', value: i });
    });
    for (let i = 0; i < 20; i++) {
      const lead = await store.getLead(ws, `u${i}`);
      if (i % 5 === 3) expect(lead).toBeUndefined();
      else expect(lead?.traits).toEqual({ i });
    }
    await cleanup();
  });

  it('answers a transaction only once its group is committed, so a reader in another connection sees it', async () => {
    const file = join(dir, 'visible.db');
    const store = openSqliteStore({ file });
    await store.migrate();
    const ws = (await store.createWorkspace('w', 0)).id;
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(file, { readonly: true });
    const count = other.prepare(
      'SELECT count(*) AS n FROM leads WHERE ws = (SELECT ws FROM workspaces WHERE id = ?)',
    );
    const seen = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store
          .transaction((tx) => tx.upsertLead(ws, `u${i}`, {}, i))
          .then(() => (count.get(ws) as { n: number }).n),
      ),
    );
    // Whichever group held call i, its commit had happened when the call was answered.
    seen.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(i + 1));
    other.close();
    await store.close();
  });

  it('keeps stored scores through the migration that makes lead_scores a rowid table', async () => {
    const file = join(dir, 'migrate-scores.db');
    const { default: Database } = await import('better-sqlite3');
    const { migrateSqlite } = await import('./sqlite-migrate.js');
    const raw = new Database(file);
    migrateSqlite(raw, migrations.slice(0, 1), 0);
    raw.exec(`INSERT INTO workspaces (id, name, created_at) VALUES ('w1', 'w', 0);
      INSERT INTO lead_scores VALUES ('w1', 'u1', 3, '{"fit":1}', 12.5, 1, 11.5, 'B', 'mql',
        'mofu', '{"email":11.5}', 10, 9, 11);`);
    raw.close();
    const store = openSqliteStore({ file });
    expect(await store.migrate()).toEqual(migrations.slice(1).map((m) => m.id));
    expect(await store.getScore('w1', 'u1')).toMatchObject({
      modelVersion: 3,
      state: { fit: 1 },
      score: 12.5,
      grade: 'B',
      segment: 'mql',
      stage: 'mofu',
      categories: { email: 11.5 },
      lastEventTime: 9,
    });
    await store.close();
  });

  it('checkpoints the WAL from a background thread when asked to, and closes cleanly', async () => {
    const { statSync } = await import('node:fs');
    const file = join(dir, 'checkpointed.db');
    const store = openSqliteStore({ file, backgroundCheckpointMs: 20 });
    await store.migrate();
    const ws = (await store.createWorkspace('w', 0)).id;
    const before = statSync(file).size;
    await store.transaction(async (tx) => {
      for (let i = 0; i < 3000; i++) await tx.upsertLead(ws, `u${i}`, { n: i }, i);
    });
    // The commit wrote to the WAL only; the thread copies the pages into the database file.
    for (let waited = 0; waited < 20_000 && statSync(file).size <= before; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statSync(file).size).toBeGreaterThan(before);
    expect((await store.getLead(ws, 'u2999'))?.traits).toEqual({ n: 2999 });
    await store.close();
  });
});

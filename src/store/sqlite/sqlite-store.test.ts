// The store contract on SQLite (a temporary file per test), plus SQLite's own serialisation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract/index.js';
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
    expect(await first.migrate()).toEqual(['001-initial']);
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
});

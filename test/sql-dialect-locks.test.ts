// The dialect parts the webhook, job and predictive modules use, on both drivers: a JSON array of
// objects read as a table (dialect.jsonRows), a locking read (dialect.forUpdate), and key locks
// (dialect.lockKeys: PostgreSQL holds them to the end of the transaction, SQLite needs none).
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../src/store/sql/sql-db.js';
import { openPgDb, sqlDrivers, type OpenedDb } from './sql-test-drivers.js';
import { onTestStores } from './test-stores.js';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

function kept<T extends OpenedDb>(opened: T): T {
  closers.push(opened.close);
  return opened;
}

const openPg = async (): Promise<{ db: SqlDb; client: pg.Client }> => kept(await openPgDb());

const drivers: Record<string, () => Promise<SqlDb>> = {
  sqlite: async () => kept(await sqlDrivers.sqlite!()).db,
  postgres: async () => (await openPg()).db,
};

for (const { name } of onTestStores([{ name: 'sqlite' }, { name: 'postgres' }])) {
  describe(`the ${name} dialect`, () => {
    it('reads a JSON array of objects as a table of typed columns', async () => {
      const db = await drivers[name]!();
      const d = db.dialect;
      await db.run('CREATE TEMPORARY TABLE lane (sub TEXT NOT NULL, lk TEXT NOT NULL)');
      await db.run("INSERT INTO lane (sub, lk) VALUES ('s1', 'u1'), ('s2', '')");
      const rows = [
        { sub: 's1', lk: 'u1', n: 2 ** 40, flag: true },
        { sub: 's1', lk: 'u2', n: -1, flag: false },
        { sub: 's2', lk: '', n: null, flag: null },
      ];
      const table = d.jsonRows('rows', [
        ['sub', 'text'],
        ['lk', 'text'],
        ['n', 'bigint'],
        ['flag', 'bool'],
      ]);
      const read = await db.all<{ sub: string; lk: string; n: number | null; flag: unknown }>(
        `SELECT r.sub, r.lk, r.n, r.flag FROM ${table} AS r ORDER BY r.sub, r.lk`,
        { rows: JSON.stringify(rows) },
      );
      expect(read.map((r) => ({ ...r, flag: r.flag === null ? null : Boolean(r.flag) }))).toEqual(
        rows,
      );
      const matched = await db.tuples<[string, string]>(
        `SELECT r.sub, r.lk FROM ${table} AS r
         WHERE EXISTS (SELECT 1 FROM lane l WHERE l.sub = r.sub AND l.lk = r.lk)
         ORDER BY r.sub`,
        { rows: JSON.stringify(rows) },
      );
      expect(matched).toEqual([
        ['s1', 'u1'],
        ['s2', ''],
      ]);
      expect(await db.all(`SELECT * FROM ${table} AS r`, { rows: '[]' })).toEqual([]);
    });

    it('reads rows for update', async () => {
      const db = await drivers[name]!();
      await db.run('CREATE TEMPORARY TABLE w (id TEXT PRIMARY KEY)');
      await db.run("INSERT INTO w (id) VALUES ('a')");
      const row = await db.get<{ id: string }>(
        `SELECT id FROM w WHERE id = :id ${db.dialect.forUpdate}`,
        { id: 'a' },
      );
      expect(row).toEqual({ id: 'a' });
    });
  });
}

describe.skipIf(!onTestStores([{ name: 'sqlite' }]).length)('the sqlite dialect', () => {
  it('takes no key locks: its transactions run one at a time', async () => {
    const db = await drivers.sqlite!();
    expect(db.dialect.lockKeys).toBeNull();
  });
});

describe.skipIf(!onTestStores([{ name: 'postgres' }]).length)('the postgres dialect', () => {
  it('holds key locks to the end of the transaction; other keys stay free', async () => {
    const a = await openPg();
    const b = await openPg();
    const lock = a.db.dialect.lockKeys!('keys');
    await a.client.query('BEGIN');
    await b.client.query('BEGIN');
    const { rows: bRows } = await b.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await a.db.run(lock, { keys: ['test-lock\u001fk1', 'test-lock\u001fk2'] });
    // Another key: taken at once although the first transaction is open.
    await b.db.run(lock, { keys: ['test-lock\u001fk3'] });
    let taken = false;
    const waiting = b.db.run(lock, { keys: ['test-lock\u001fk2'] }).then(() => (taken = true));
    const observer = await openPg();
    let blocked = false;
    for (let i = 0; i < 500 && !blocked; i++) {
      const { rows } = await observer.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`,
        [bRows[0]!.pid],
      );
      blocked = rows[0]!.n > 0;
      if (!blocked) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(blocked).toBe(true);
    expect(taken).toBe(false);
    await a.client.query('COMMIT');
    await waiting;
    expect(taken).toBe(true);
    await b.client.query('COMMIT');
  });
});

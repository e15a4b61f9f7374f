// The statistics keeper on the real PostgreSQL server, in a database of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatisticsKeeper } from './pg-statistics.js';
import { openPostgresStore } from './postgres-store.js';

const serverUrl =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = `leadscore_stats_${randomBytes(6).toString('hex')}`;
const url = new URL(serverUrl);
url.pathname = `/${database}`;
const connectionString = url.toString();

async function on<T>(connection: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(() => on(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`)));
afterAll(() => on(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)));

/** Inserts `rows` rows into `table` and waits until the server's statistics count them. */
async function change(table: string, rows: number): Promise<void> {
  await on(connectionString, async (c) => {
    await c.query(`INSERT INTO ${table} SELECT g FROM generate_series(1, $1) g`, [rows]);
    // This backend's counts reach the shared statistics when it next goes idle.
    await c.query('SELECT pg_stat_force_next_flush()');
    await c.query('SELECT 1');
  });
}

const reltuples = (table: string) =>
  on(connectionString, async (c) => {
    const result = await c.query<{ reltuples: number }>(
      'SELECT reltuples FROM pg_class WHERE relname = $1',
      [table],
    );
    return Number(result.rows[0]?.reltuples);
  });

describe('PostgreSQL statistics keeper', () => {
  it('analyzes the tables changed past the threshold, and only those', async () => {
    await on(connectionString, (c) =>
      c.query('CREATE TABLE busy (x int); CREATE TABLE quiet (x int)'),
    );
    const pool = new pg.Pool({ connectionString });
    const keeper = startStatisticsKeeper(pool, { mode: 'off', everyMs: 60_000 });
    try {
      await change('busy', 1000);
      await change('quiet', 20);
      // Never analyzed: the planner's estimate is unknown (-1), not the 1,000 rows.
      expect(await reltuples('busy')).toBe(-1);
      expect(await keeper.runOnce()).toEqual(['busy']);
      expect(await reltuples('busy')).toBe(1000);
      expect(await reltuples('quiet')).toBe(-1);

      // 100 changed rows is under 50 + 10% of the 1,100 rows: not yet.
      await change('busy', 100);
      expect(await keeper.runOnce()).toEqual([]);
      // 180 is over 50 + 10% of 1,180.
      await change('busy', 80);
      expect(await keeper.runOnce()).toEqual(['busy']);
      expect(await reltuples('busy')).toBe(1180);
    } finally {
      await keeper.stop();
      await pool.end();
    }
  });

  it('runs on its own in a store that is told to keep statistics, and stops with it', async () => {
    await on(connectionString, (c) => c.query('CREATE TABLE grown (x int)'));
    const store = openPostgresStore({
      connectionString,
      statistics: 'always',
      statisticsEveryMs: 50,
    });
    try {
      await change('grown', 500);
      const deadline = Date.now() + 10_000;
      while ((await reltuples('grown')) !== 500 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await reltuples('grown')).toBe(500);
    } finally {
      await store.close();
    }
  });
});

// The store contract on PostgreSQL: a fresh database for this file, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract/index.js';
import { migrations } from '../migrations/index.js';
import { openPostgresStore } from './postgres-store.js';

const serverUrl =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = `leadscore_test_${randomBytes(6).toString('hex')}`;
const databaseUrl = (name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
const connectionString = databaseUrl(database);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(() => admin(`CREATE DATABASE ${database}`));
afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

const makeStore = async () => {
  const store = openPostgresStore({ connectionString });
  return { store, cleanup: () => store.close() };
};

runStoreContract('postgres', makeStore);

describe('postgres store', () => {
  it('applies each migration once when two stores migrate a new database at once', async () => {
    const fresh = `${database}_m`;
    await admin(`CREATE DATABASE ${fresh}`);
    try {
      const stores = [0, 1].map(() => openPostgresStore({ connectionString: databaseUrl(fresh) }));
      const applied = await Promise.all(stores.map((s) => s.migrate()));
      expect(applied.flat()).toEqual(migrations.map((m) => m.id));
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`);
    }
  });

  it('survives the server ending its idle connections, and reconnects for the next call', async () => {
    const store = openPostgresStore({ connectionString });
    await store.migrate();
    const ws = await store.createWorkspace('w', 1);
    // Every backend of this database but ours is ended, as a server restart would.
    await admin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.getWorkspace(ws.id)).toEqual(ws);
    await store.close();
  });
});

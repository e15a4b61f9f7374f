// Helpers shared by the store benchmarks: a throwaway SQLite file or PostgreSQL database, and
// loading the synthetic leads (CSV) and events (NDJSON) into a workspace.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { forEachCsvRecord } from '../src/ingest/read-csv.js';
import { leadTraits, storedEventOf } from '../src/service/demo/seed-demo.js';
import type { JsonObject, NewEvent, Store } from '../src/store/port.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

export type StoreKind = 'sqlite' | 'postgres';

/** The server the PostgreSQL runs use; each run makes its own database there and drops it. */
export const POSTGRES_ADMIN_URL =
  process.env.LEADSCORE_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchStore {
  store: Store;
  /** Closes the store and deletes its file or database. */
  dispose(): Promise<void>;
  /** PostgreSQL: refreshes the planner statistics (ANALYZE); SQLite: nothing. */
  analyze(): Promise<void>;
  /** The SQLite file or the PostgreSQL connection string, for a benchmark's own connection. */
  location: string;
}

export async function openBenchStore(
  kind: StoreKind,
  options: { sqliteSync?: 'full' | 'normal' } = {},
): Promise<BenchStore> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'leadscore-bench-db-'));
    // As the server opens it (src/api/open-store.ts).
    const file = join(dir, 'bench.db');
    const store = openSqliteStore({
      file,
      backgroundCheckpointMs: 1000,
      synchronous: options.sqliteSync ?? 'full',
    });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
      analyze: async () => {},
      location: file,
    };
  }
  const scratch = await openScratchDatabase('postgres');
  const store = openPostgresStore({ connectionString: scratch.location });
  await store.migrate();
  return {
    store,
    dispose: async () => {
      await store.close();
      await scratch.dispose();
    },
    analyze: () => adminQuery(scratch.location, 'ANALYZE'),
    location: scratch.location,
  };
}

/** An empty SQLite file or PostgreSQL database, for a benchmark that makes its own tables. */
export async function openScratchDatabase(
  kind: StoreKind,
): Promise<{ location: string; dispose(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'leadscore-bench-db-'));
    return {
      location: join(dir, 'bench.db'),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `leadscore_bench_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(POSTGRES_ADMIN_URL, `CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    dispose: () => adminQuery(POSTGRES_ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function loadLeads(
  store: Store,
  ws: string,
  path: string,
  now: number,
  onProgress?: (done: number) => void,
): Promise<number> {
  const rows: [string, JsonObject][] = [];
  await forEachCsvRecord(path, {
    required: ['id'],
    onRecord: (row) => rows.push([row.id ?? '', leadTraits(row)]),
    onError: () => {},
  });
  for (let i = 0; i < rows.length; i += 10_000) {
    const slice = rows.slice(i, i + 10_000);
    await store.transaction(async (tx) => {
      for (const [id, traits] of slice) await tx.upsertLead(ws, id, traits, now);
    });
    onProgress?.(i + slice.length);
  }
  return rows.length;
}

/** Stores the NDJSON Segment track calls with insertEvents, `batch` at a time; answers how many lines. */
export async function loadEvents(
  store: Store,
  ws: string,
  path: string,
  batch: number,
  onProgress?: (done: number) => void,
): Promise<number> {
  let pending: NewEvent[] = [];
  let lines = 0;
  const lineReader = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lineReader) {
    if (line.trim() === '') continue;
    lines++;
    const stored = storedEventOf(line);
    if (stored) pending.push(stored);
    if (pending.length >= batch) {
      await store.insertEvents(ws, pending);
      pending = [];
      onProgress?.(lines);
    }
  }
  if (pending.length > 0) await store.insertEvents(ws, pending);
  onProgress?.(lines);
  return lines;
}

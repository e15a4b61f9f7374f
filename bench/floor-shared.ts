// What the two storage-floor layouts share: the run's settings and result, the stored score state,
// and the timed loops (SQLite: one writer, only the commits timed; PostgreSQL: clients in flight).
import type Database from 'better-sqlite3';
import pg from 'pg';
import { eventStream, type FloorEvent } from './floor-events.js';

export interface FloorRun {
  /** Leads the events are spread over (each has a score row before the run). */
  leads: number;
  /** Events per transaction. */
  commit: number;
  seconds: number;
  /** PostgreSQL: transactions in flight at once (SQLite has one writer). */
  clients: number;
  /** SQLite: `full` (on disk at each commit, the service's default) or `normal` (in the WAL). */
  sqliteSync: 'full' | 'normal';
  /** Share of the events that store a history row (the current layout stores one for each). */
  historyShare: number;
  seed: number;
}

export interface FloorResult {
  eventsPerSecond: number;
  events: number;
  seconds: number;
  /** Distinct leads per commit, on average: the score rows written per commit by the lean layout. */
  leadsPerCommit: number;
}

/**
 * A stored state the size of a bench lead's in the compact form of src/core/stored-state.ts
 * (about 500 bytes after ten events of the example model): both layouts write this one.
 */
export const STATE = JSON.stringify({
  v: 2,
  f: 35,
  m: [0, 2, 5, 7],
  n: 24,
  r: Array.from({ length: 12 }, (_, i) => [i + 4, 8, 1_763_000_000_000 + i, 1_763_000_000_000, 2]),
  t: 1_763_000_000_000,
});

const DAY_MS = 86_400_000;
export const dueAfter = (now: number): number => now + DAY_MS;

/** The service's SQLite connection (src/store/sqlite/sqlite-store.ts), durable at each commit. */
export function tuneSqlite(db: Database.Database, sync: 'full' | 'normal'): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 2147418112');
  // The checkpoints run outside the timed part (below), so the floor leaves them out.
  db.pragma('wal_autocheckpoint = 0');
}

/**
 * Runs `commit` (one transaction of the given events, answering the distinct leads it wrote)
 * until `seconds` of commits have been timed; generating the events and checkpointing are not.
 */
export function sqliteLoop(
  db: Database.Database,
  o: FloorRun,
  commit: (events: FloorEvent[], now: number) => number,
): FloorResult {
  const next = eventStream({
    seed: o.seed,
    stream: 0,
    leads: o.leads,
    visibleShare: o.historyShare,
  });
  let events = 0;
  let leads = 0;
  let commits = 0;
  let timed = 0;
  let sinceCheckpoint = 0;
  while (timed < o.seconds * 1000) {
    const now = Date.now();
    const batch = next(o.commit, now);
    const start = performance.now();
    leads += commit(batch, now);
    timed += performance.now() - start;
    events += batch.length;
    commits++;
    sinceCheckpoint += batch.length;
    // Keeps the WAL short, as the service's background checkpoint does.
    if (sinceCheckpoint >= 10_000) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      sinceCheckpoint = 0;
    }
  }
  return {
    eventsPerSecond: events / (timed / 1000),
    events,
    seconds: timed / 1000,
    leadsPerCommit: leads / commits,
  };
}

/**
 * `clients` connections each committing transactions of `o.commit` events until the time is up;
 * wall-clock throughput. `partitioned`: each client takes its own hash partition of the leads,
 * so no two transactions in flight share a lead (issue 19's scale-out); otherwise every client
 * draws from all leads, as the service's runs do today.
 */
export async function postgresLoop(
  url: string,
  o: FloorRun,
  partitioned: boolean,
  commit: (conn: pg.PoolClient, events: FloorEvent[], now: number) => Promise<number>,
): Promise<FloorResult> {
  const pool = new pg.Pool({ connectionString: url, max: o.clients });
  // Dropping the database afterwards ends idle connections; that is not a failure of the run.
  pool.on('error', () => {});
  try {
    let events = 0;
    let leads = 0;
    let commits = 0;
    const conns = await Promise.all(Array.from({ length: o.clients }, () => pool.connect()));
    const start = performance.now();
    const deadline = start + o.seconds * 1000;
    const client = async (conn: pg.PoolClient, index: number) => {
      const next = eventStream({
        seed: o.seed,
        stream: index,
        leads: o.leads,
        visibleShare: o.historyShare,
        ...(partitioned ? { partition: { index, of: o.clients } } : {}),
      });
      try {
        while (performance.now() < deadline) {
          const now = Date.now();
          const batch = next(o.commit, now);
          await conn.query('BEGIN');
          // Read after the await: `leads += await ...` would add to a stale total.
          const touched = await commit(conn, batch, now);
          leads += touched;
          await conn.query('COMMIT');
          events += batch.length;
          commits++;
        }
      } finally {
        conn.release();
      }
    };
    await Promise.all(conns.map(client));
    const seconds = (performance.now() - start) / 1000;
    return { eventsPerSecond: events / seconds, events, seconds, leadsPerCommit: leads / commits };
  } finally {
    await pool.end();
  }
}

/** Throws unless every event counted as stored is in the table: the floor must not skip writes. */
export function checkStored(stored: number, result: FloorResult, what: string): FloorResult {
  if (stored !== result.events)
    throw new Error(`${what}: ${stored} events in the table, ${result.events} committed`);
  return result;
}

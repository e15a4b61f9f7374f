// The storage floor of ingestion: the writes the service must make for each accepted event, and
// nothing else, straight on the driver. Per event: insert it (unique per workspace + messageId,
// answering its seq), read the lead's score row, write the row back with a state of the stored
// size, append one history row; per batch: one transaction, durable at commit (SQLite
// synchronous=FULL unless asked for NORMAL, PostgreSQL synchronous_commit on). No HTTP, no parsing, no scoring, no
// routing, lifecycle or outbox: what ingestion would cost if all of that took no time. It runs on
// the real schema (the migrated store), so the indexes are the service's.
import Database from 'better-sqlite3';
import pg from 'pg';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { openBenchStore, type StoreKind } from './bench-store.js';

export interface FloorOptions {
  /** Leads the events are spread over (each has a score row before the run). */
  leads: number;
  /** Events per transaction. */
  perBatch: number;
  seconds: number;
  /** PostgreSQL: transactions in flight at once (SQLite has one writer). */
  clients: number;
  /** SQLite: `full` (on disk at each commit, the service's default) or `normal` (in the WAL). */
  sqliteSync: 'full' | 'normal';
}

export interface FloorResult {
  target: string;
  eventsPerSecond: number;
  events: number;
  seconds: number;
}

// A stored state the size of a bench lead's (src/core/stored-state.ts: about 500 bytes).
const STATE = JSON.stringify({
  v: 2,
  f: 35,
  m: [0, 2, 5, 7],
  n: 24,
  r: Array.from({ length: 12 }, (_, i) => [i + 4, 8, 1_763_000_000_000 + i, 1_763_000_000_000, 2]),
  t: 1_763_000_000_000,
});
const CATEGORIES = JSON.stringify({ email: 12, content: 20, events: 8, web: 4 });
const PAYLOAD = JSON.stringify({
  event: 'Email Opened',
  properties: { campaign: 'bench', path: '/pricing' },
});

const leadId = (i: number) => `L${String(i).padStart(7, '0')}`;
const randomLead = (leads: number) => leadId(1 + Math.floor(Math.random() * leads));

export async function storageFloor(kind: StoreKind, options: FloorOptions): Promise<FloorResult> {
  const bench = await openBenchStore(kind);
  try {
    const now = Date.now();
    const ws = (await createWorkspaceWithKeys(bench.store, 'floor', now)).workspace.id;
    const run = kind === 'sqlite' ? sqliteFloor : postgresFloor;
    return await run(bench.location, ws, options);
  } finally {
    await bench.dispose();
  }
}

async function sqliteFloor(file: string, ws: string, o: FloorOptions): Promise<FloorResult> {
  const db = new Database(file);
  try {
    // As the service's connection (src/store/sqlite/sqlite-store.ts), durable at each commit.
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${o.sqliteSync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 2147418112');
    // The checkpoints run outside the timed part, so the floor leaves them out.
    db.pragma('wal_autocheckpoint = 0');
    const seed = db.prepare(
      `INSERT INTO lead_scores (workspace_id, lead_id, model_version, state, score, fit, engagement,
         grade, segment, stage, categories, scored_at, last_event_time, updated_at, due_at)
       VALUES (?, ?, 1, ?, 40, 35, 5, 'B', 'nurture', 'mofu', ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      const now = Date.now();
      for (let i = 1; i <= o.leads; i++)
        seed.run(ws, leadId(i), STATE, CATEGORIES, now, now, now, now + 86_400_000);
    })();
    const insertEvent = db.prepare(
      `INSERT INTO events (workspace_id, message_id, lead_id, anonymous_id, type, name, time,
         received_at, payload) VALUES (?, ?, ?, NULL, 'track', 'Email Opened', ?, ?, ?)
       ON CONFLICT (workspace_id, message_id) DO NOTHING RETURNING seq`,
    );
    const readScore = db.prepare(
      'SELECT * FROM lead_scores WHERE workspace_id = ? AND lead_id = ?',
    );
    const putScore = db.prepare(
      `UPDATE lead_scores SET model_version = 1, state = ?, score = ?, fit = 35, engagement = ?,
         grade = 'B', segment = 'nurture', stage = 'mofu', categories = ?, scored_at = ?,
         last_event_time = ?, updated_at = ?, due_at = ?
       WHERE workspace_id = ? AND lead_id = ?`,
    );
    const appendHistory = db.prepare(
      `INSERT INTO score_history (workspace_id, lead_id, at, cause, cause_ref, model_version,
         score, grade, segment, stage, previous)
       VALUES (?, ?, ?, 'event', ?, 1, ?, 'B', 'nurture', 'mofu', ?)`,
    );
    const batch = db.transaction((prefix: string) => {
      const now = Date.now();
      for (let i = 0; i < o.perBatch; i++) {
        const lead = randomLead(o.leads);
        const messageId = `${prefix}-${i}`;
        const stored = insertEvent.get(ws, messageId, lead, now, now, PAYLOAD);
        if (!stored) throw new Error(`floor: ${messageId} was not stored`);
        const row = readScore.get(ws, lead) as { score: number } | undefined;
        const score = (row?.score ?? 0) + 2;
        putScore.run(
          STATE,
          score,
          score - 35,
          CATEGORIES,
          now,
          now,
          now,
          now + 86_400_000,
          ws,
          lead,
        );
        appendHistory.run(ws, lead, now, messageId, score, JSON.stringify({ score: score - 2 }));
      }
    });
    let events = 0;
    let timed = 0;
    for (let b = 0; timed < o.seconds * 1000; b++) {
      const start = performance.now();
      batch(`floor-${b}`);
      timed += performance.now() - start;
      events += o.perBatch;
      // Untimed: keeps the WAL short, as the service's background checkpoint does.
      if (b % 100 === 99) db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return {
      target: 'SQLite',
      eventsPerSecond: events / (timed / 1000),
      events,
      seconds: timed / 1000,
    };
  } finally {
    db.close();
  }
}

async function postgresFloor(url: string, ws: string, o: FloorOptions): Promise<FloorResult> {
  const pool = new pg.Pool({ connectionString: url, max: o.clients });
  // Dropping the database afterwards ends idle connections; that is not a failure of the run.
  pool.on('error', () => {});
  try {
    const leads = Array.from({ length: o.leads }, (_, i) => leadId(i + 1));
    await pool.query(
      `INSERT INTO lead_scores (workspace_id, lead_id, model_version, state, score, fit, engagement,
         grade, segment, stage, categories, scored_at, last_event_time, updated_at, due_at)
       SELECT $1, l, 1, $3::json, 40, 35, 5, 'B', 'nurture', 'mofu', $4::jsonb, $5::bigint, $5::bigint, $5::bigint, $5::bigint + 86400000
       FROM unnest($2::text[]) AS l`,
      [ws, leads, STATE, CATEGORIES, Date.now()],
    );
    await pool.query('ANALYZE');
    let events = 0;
    let next = 0;
    const deadline = performance.now() + o.seconds * 1000;
    // Set-based, as the service's PostgreSQL path: one statement per table per batch.
    const client = async () => {
      const conn = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const b = next++;
          const now = Date.now();
          const messageIds = Array.from({ length: o.perBatch }, (_, i) => `floor-${b}-${i}`);
          const eventLeads = messageIds.map(() => randomLead(o.leads));
          // One row per lead, locked in one order so that concurrent batches cannot deadlock.
          const touched = [...new Set(eventLeads)].sort();
          await conn.query('BEGIN');
          const stored = await conn.query(
            `INSERT INTO events (workspace_id, message_id, lead_id, type, name, time, received_at,
               payload)
             SELECT $1, m, l, 'track', 'Email Opened', $4, $4, $5::json
             FROM unnest($2::text[], $3::text[]) AS x(m, l)
             ON CONFLICT (workspace_id, message_id) DO NOTHING RETURNING seq`,
            [ws, messageIds, eventLeads, now, PAYLOAD],
          );
          if (stored.rowCount !== o.perBatch) throw new Error(`floor: batch ${b} not all stored`);
          const rows = await conn.query<{ lead_id: string; score: number }>(
            `SELECT lead_id, score FROM lead_scores WHERE workspace_id = $1 AND lead_id = ANY($2)
             ORDER BY lead_id FOR UPDATE`,
            [ws, touched],
          );
          const scores = rows.rows.map((r) => r.score + 2);
          await conn.query(
            `UPDATE lead_scores s SET model_version = 1, state = $3::json, score = x.score,
               fit = 35, engagement = x.score - 35, grade = 'B', segment = 'nurture',
               stage = 'mofu', categories = $4::jsonb, scored_at = $5::bigint,
               last_event_time = $5::bigint, updated_at = $5::bigint,
               due_at = $5::bigint + 86400000
             FROM unnest($2::text[], $6::float8[]) AS x(lead_id, score)
             WHERE s.workspace_id = $1 AND s.lead_id = x.lead_id`,
            [ws, rows.rows.map((r) => r.lead_id), STATE, CATEGORIES, now, scores],
          );
          await conn.query(
            `INSERT INTO score_history (workspace_id, lead_id, at, cause, cause_ref, model_version,
               score, grade, segment, stage, previous)
             SELECT $1, l, $4, 'event', m, 1, 42, 'B', 'nurture', 'mofu', '{"score":40}'::jsonb
             FROM unnest($2::text[], $3::text[]) AS x(m, l)`,
            [ws, messageIds, eventLeads, now],
          );
          await conn.query('COMMIT');
          events += o.perBatch;
        }
      } finally {
        conn.release();
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: o.clients }, client));
    const seconds = (performance.now() - start) / 1000;
    return { target: 'PostgreSQL', eventsPerSecond: events / seconds, events, seconds };
  } finally {
    await pool.end();
  }
}

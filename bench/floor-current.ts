// The storage floor on today's layout (the migrated store's own tables and indexes, built by the
// real migrations): per event, insert it (unique per integer workspace key + messageId), read the
// lead's score row, write it back, append a history row. The baseline the lean layout (bench/floor-lean.ts) is compared with.
import Database from 'better-sqlite3';
import pg from 'pg';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { openBenchStore, type StoreKind } from './bench-store.js';
import { leadIdOf, type FloorEvent } from './floor-events.js';
import {
  checkStored,
  dueAfter,
  postgresLoop,
  sqliteLoop,
  STATE,
  tuneSqlite,
  type FloorResult,
  type FloorRun,
} from './floor-shared.js';

const CATEGORIES = JSON.stringify({ email: 12, content: 20, events: 8, web: 4 });

export async function currentFloor(kind: StoreKind, o: FloorRun): Promise<FloorResult> {
  const bench = await openBenchStore(kind);
  try {
    const id = (await createWorkspaceWithKeys(bench.store, 'floor', Date.now())).workspace.id;
    if (kind === 'sqlite') return sqliteCurrent(bench.location, id, o);
    return await postgresCurrent(bench.location, id, o);
  } finally {
    await bench.dispose();
  }
}

/** The statements bind the workspace's integer key, as the store's do (migration 016). */
const KEY_OF = 'SELECT ws FROM workspaces WHERE id = $1';

function sqliteCurrent(file: string, id: string, o: FloorRun): FloorResult {
  const db = new Database(file);
  try {
    const { ws } = db.prepare<[string], { ws: number }>(KEY_OF.replace('$1', '?')).get(id)!;
    tuneSqlite(db, o.sqliteSync);
    db.pragma('foreign_keys = ON');
    const seed = db.prepare(
      `INSERT INTO lead_scores (ws, lead_id, model_version, state, score, fit, engagement,
         grade, segment, stage, categories, scored_at, last_event_time, updated_at, due_at)
       VALUES (?, ?, 1, ?, 40, 35, 5, 'B', 'nurture', 'mofu', ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      const now = Date.now();
      for (let i = 1; i <= o.leads; i++)
        seed.run(ws, leadIdOf(i), STATE, CATEGORIES, now, now, now, dueAfter(now));
    })();
    const insertEvent = db.prepare(
      `INSERT INTO events (ws, message_id, lead_id, anonymous_id, type, name, time,
         received_at, payload) VALUES (?, ?, ?, NULL, 'track', ?, ?, ?, ?)
       ON CONFLICT (ws, message_id) DO NOTHING RETURNING seq`,
    );
    const readScore = db.prepare('SELECT * FROM lead_scores WHERE ws = ? AND lead_id = ?');
    const putScore = db.prepare(
      `UPDATE lead_scores SET model_version = 1, state = ?, score = ?, fit = 35, engagement = ?,
         grade = 'B', segment = 'nurture', stage = 'mofu', categories = ?, scored_at = ?,
         last_event_time = ?, updated_at = ?, due_at = ?
       WHERE ws = ? AND lead_id = ?`,
    );
    const appendHistory = db.prepare(
      `INSERT INTO score_history (ws, lead_id, at, cause, cause_ref, model_version,
         score, grade, segment, stage, previous)
       VALUES (?, ?, ?, 'event', ?, 1, ?, 'B', 'nurture', 'mofu', ?)`,
    );
    const commit = db.transaction((events: FloorEvent[], now: number) => {
      for (const e of events) {
        const stored = insertEvent.get(ws, e.messageId, e.leadId, e.name, now, now, e.payload);
        if (!stored) throw new Error(`floor: ${e.messageId} was not stored`);
        const row = readScore.get(ws, e.leadId) as { score: number } | undefined;
        const score = (row?.score ?? 0) + 2;
        putScore.run(
          STATE,
          score,
          score - 35,
          CATEGORIES,
          now,
          now,
          now,
          dueAfter(now),
          ws,
          e.leadId,
        );
        appendHistory.run(
          ws,
          e.leadId,
          now,
          e.messageId,
          score,
          JSON.stringify({ score: score - 2 }),
        );
      }
      return new Set(events.map((e) => e.leadId)).size;
    });
    const result = sqliteLoop(db, o, (events, now) => commit(events, now));
    const stored = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    return checkStored(stored.n, result, 'current layout, SQLite');
  } finally {
    db.close();
  }
}

async function postgresCurrent(url: string, id: string, o: FloorRun): Promise<FloorResult> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const ws = (await admin.query<{ ws: number }>(KEY_OF, [id])).rows[0]!.ws;
    const leads = Array.from({ length: o.leads }, (_, i) => leadIdOf(i + 1));
    await admin.query(
      `INSERT INTO lead_scores (ws, lead_id, model_version, state, score, fit, engagement,
         grade, segment, stage, categories, scored_at, last_event_time, updated_at, due_at)
       SELECT $1::int, l, 1, $3::json, 40, 35, 5, 'B', 'nurture', 'mofu', $4::jsonb, $5::bigint,
         $5::bigint, $5::bigint, $5::bigint + 86400000
       FROM unnest($2::text[]) AS l`,
      [ws, leads, STATE, CATEGORIES, Date.now()],
    );
    await admin.query('ANALYZE');
    // Set-based, as the service's PostgreSQL path: one statement per table per transaction.
    const commit = async (conn: pg.PoolClient, events: FloorEvent[], now: number) => {
      // One row per lead, locked in one order so that concurrent batches cannot deadlock.
      const touched = [...new Set(events.map((e) => e.leadId))].sort();
      const stored = await conn.query(
        `INSERT INTO events (ws, message_id, lead_id, type, name, time, received_at,
           payload)
         SELECT $1::int, m, l, 'track', n, $5, $5, p::json
         FROM unnest($2::text[], $3::text[], $4::text[], $6::text[]) AS x(m, l, n, p)
         ON CONFLICT (ws, message_id) DO NOTHING RETURNING seq`,
        [
          ws,
          events.map((e) => e.messageId),
          events.map((e) => e.leadId),
          events.map((e) => e.name),
          now,
          events.map((e) => e.payload),
        ],
      );
      if (stored.rowCount !== events.length) throw new Error('floor: a batch was not all stored');
      const rows = await conn.query<{ lead_id: string; score: number }>(
        `SELECT lead_id, score FROM lead_scores WHERE ws = $1 AND lead_id = ANY($2)
         ORDER BY lead_id FOR UPDATE`,
        [ws, touched],
      );
      await conn.query(
        `UPDATE lead_scores s SET model_version = 1, state = $3::json, score = x.score,
           fit = 35, engagement = x.score - 35, grade = 'B', segment = 'nurture',
           stage = 'mofu', categories = $4::jsonb, scored_at = $5::bigint,
           last_event_time = $5::bigint, updated_at = $5::bigint,
           due_at = $5::bigint + 86400000
         FROM unnest($2::text[], $6::float8[]) AS x(lead_id, score)
         WHERE s.ws = $1 AND s.lead_id = x.lead_id`,
        [
          ws,
          rows.rows.map((r) => r.lead_id),
          STATE,
          CATEGORIES,
          now,
          rows.rows.map((r) => r.score + 2),
        ],
      );
      await conn.query(
        `INSERT INTO score_history (ws, lead_id, at, cause, cause_ref, model_version,
           score, grade, segment, stage, previous)
         SELECT $1::int, l, $4, 'event', m, 1, 42, 'B', 'nurture', 'mofu', '{"score":40}'::jsonb
         FROM unnest($2::text[], $3::text[]) AS x(m, l)`,
        [ws, events.map((e) => e.messageId), events.map((e) => e.leadId), now],
      );
      return touched.length;
    };
    const result = await postgresLoop(url, o, false, commit);
    const stored = await admin.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return checkStored(Number(stored.rows[0]?.n), result, 'current layout, PostgreSQL');
  } finally {
    await admin.end();
  }
}

// The storage floor on the lean layout of issue 19, in its own empty database: an integer
// workspace key (and, as asked, an integer lead key resolved from the external id, or the id
// itself); each event appended with only its messageId dedupe index and its per-lead index; the
// score row (compact state, a score id in the key) read and upserted once per distinct lead per
// commit; a history row only for the events that make a visible change. The workspace key leads
// every primary key and unique index, so a table can still be distributed by workspace.
import Database from 'better-sqlite3';
import pg from 'pg';
import { openScratchDatabase, type StoreKind } from './bench-store.js';
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

export type LeadKey = 'integer' | 'text';

/** The workspace's internal key: the only workspace of the run. */
const WS = 1;
const WORKSPACE_UUID = '6f1c1a52-3b7e-4c1e-9a55-8d2b1f0e7c41';

export async function leanFloor(
  kind: StoreKind,
  leadKey: LeadKey,
  o: FloorRun,
): Promise<FloorResult> {
  const scratch = await openScratchDatabase(kind);
  try {
    if (kind === 'sqlite') return sqliteLean(scratch.location, leadKey, o);
    return await postgresLean(scratch.location, leadKey, o);
  } finally {
    await scratch.dispose();
  }
}

const sqliteSchema = (lead: string) => `
CREATE TABLE workspaces (id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE);
CREATE TABLE leads (
  key INTEGER PRIMARY KEY,
  workspace INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  UNIQUE (workspace, external_id)
);
-- No AUTOINCREMENT: the rowid is the seq, with no sqlite_sequence write per insert.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  workspace INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  lead ${lead},
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  time INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE UNIQUE INDEX events_message ON events (workspace, message_id);
CREATE INDEX events_lead ON events (workspace, lead, time);
-- A compact state fits in the page: one b-tree, no overflow page.
CREATE TABLE scores (
  workspace INTEGER NOT NULL,
  lead ${lead} NOT NULL,
  score_id INTEGER NOT NULL,
  model_version INTEGER NOT NULL,
  state TEXT NOT NULL,
  score REAL NOT NULL,
  grade TEXT,
  segment TEXT NOT NULL,
  stage TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  due_at INTEGER,
  PRIMARY KEY (workspace, lead, score_id)
) WITHOUT ROWID;
CREATE INDEX scores_rank ON scores (workspace, score_id, score);
CREATE INDEX scores_due ON scores (due_at) WHERE due_at IS NOT NULL;
-- Visible changes only; the previous values are the lead's previous row (or a replay).
CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  workspace INTEGER NOT NULL,
  lead ${lead} NOT NULL,
  score_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  cause INTEGER NOT NULL,
  event_seq INTEGER,
  score REAL NOT NULL,
  grade TEXT,
  segment TEXT NOT NULL,
  stage TEXT NOT NULL
);
CREATE INDEX history_lead ON history (workspace, lead, score_id, at);
`;

function sqliteLean(file: string, leadKey: LeadKey, o: FloorRun): FloorResult {
  const db = new Database(file);
  try {
    tuneSqlite(db, o.sqliteSync);
    db.exec(sqliteSchema(leadKey === 'integer' ? 'INTEGER' : 'TEXT'));
    const leadOf = (n: number) => (leadKey === 'integer' ? n : leadIdOf(n));
    db.prepare('INSERT INTO workspaces (id, public_id) VALUES (?, ?)').run(WS, WORKSPACE_UUID);
    const seedLead = db.prepare('INSERT INTO leads (key, workspace, external_id) VALUES (?, ?, ?)');
    const seedScore = db.prepare(
      `INSERT INTO scores (workspace, lead, score_id, model_version, state, score, grade, segment,
         stage, updated_at, due_at) VALUES (?, ?, 0, 1, ?, 40, 'B', 'nurture', 'mofu', ?, ?)`,
    );
    db.transaction(() => {
      const now = Date.now();
      for (let n = 1; n <= o.leads; n++) {
        seedLead.run(n, WS, leadIdOf(n));
        seedScore.run(WS, leadOf(n), STATE, now, dueAfter(now));
      }
    })();
    const findLead = db.prepare('SELECT key FROM leads WHERE workspace = ? AND external_id = ?');
    const insertEvent = db.prepare(
      `INSERT INTO events (workspace, message_id, lead, type, name, time, received_at, payload)
       VALUES (?, ?, ?, 'track', ?, ?, ?, ?) ON CONFLICT (workspace, message_id) DO NOTHING`,
    );
    const readScore = db.prepare(
      'SELECT score, state FROM scores WHERE workspace = ? AND lead = ? AND score_id = 0',
    );
    const upsertScore = db.prepare(
      `INSERT INTO scores (workspace, lead, score_id, model_version, state, score, grade, segment,
         stage, updated_at, due_at) VALUES (?, ?, 0, 1, ?, ?, 'B', 'nurture', 'mofu', ?, ?)
       ON CONFLICT (workspace, lead, score_id) DO UPDATE SET model_version = excluded.model_version,
         state = excluded.state, score = excluded.score, grade = excluded.grade,
         segment = excluded.segment, stage = excluded.stage, updated_at = excluded.updated_at,
         due_at = excluded.due_at`,
    );
    const appendHistory = db.prepare(
      `INSERT INTO history (workspace, lead, score_id, at, cause, event_seq, score, grade, segment,
         stage) VALUES (?, ?, 0, ?, 1, ?, ?, 'B', 'nurture', 'mofu')`,
    );
    // The service resolves a message's lead before storing it: a read per distinct lead.
    const keysOf = (events: FloorEvent[]): Map<string, number | string> => {
      const keys = new Map<string, number | string>();
      for (const { leadId } of events) {
        if (keys.has(leadId)) continue;
        if (leadKey === 'text') keys.set(leadId, leadId);
        else {
          const row = findLead.get(WS, leadId) as { key: number } | undefined;
          if (!row) throw new Error(`floor: no lead ${leadId}`);
          keys.set(leadId, row.key);
        }
      }
      return keys;
    };
    const commit = db.transaction((events: FloorEvent[], now: number) => {
      const keys = keysOf(events);
      const added = new Map<number | string, number>();
      const visible: [number | string, number][] = [];
      for (const e of events) {
        const lead = keys.get(e.leadId) as number | string;
        const info = insertEvent.run(WS, e.messageId, lead, e.name, now, now, e.payload);
        // A retry of a stored message: nothing to score.
        if (info.changes === 0) continue;
        added.set(lead, (added.get(lead) ?? 0) + 1);
        if (e.visible) visible.push([lead, Number(info.lastInsertRowid)]);
      }
      const scores = new Map<number | string, number>();
      for (const [lead, count] of added) {
        const row = readScore.get(WS, lead) as { score: number } | undefined;
        const score = (row?.score ?? 0) + 2 * count;
        upsertScore.run(WS, lead, STATE, score, now, dueAfter(now));
        scores.set(lead, score);
      }
      for (const [lead, seq] of visible) appendHistory.run(WS, lead, now, seq, scores.get(lead));
      return added.size;
    });
    const result = sqliteLoop(db, o, (events, now) => commit(events, now));
    const stored = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    return checkStored(stored.n, result, `lean layout (${leadKey} lead key), SQLite`);
  } finally {
    db.close();
  }
}

const postgresSchema = (lead: string) => `
CREATE TABLE workspaces (id integer PRIMARY KEY, public_id uuid NOT NULL UNIQUE);
CREATE TABLE leads (
  workspace integer NOT NULL,
  key bigint NOT NULL,
  external_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace, external_id),
  UNIQUE (workspace, key)
);
-- seq orders a workspace's events without an index of its own (no primary key index to write).
CREATE TABLE events (
  workspace integer NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  message_id text COLLATE "C" NOT NULL,
  lead ${lead},
  type text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  time bigint NOT NULL,
  received_at bigint NOT NULL,
  payload json NOT NULL
);
CREATE UNIQUE INDEX events_message ON events (workspace, message_id);
CREATE INDEX events_lead ON events (workspace, lead, time);
CREATE TABLE scores (
  workspace integer NOT NULL,
  lead ${lead} NOT NULL,
  score_id smallint NOT NULL,
  model_version integer NOT NULL,
  state json NOT NULL,
  score double precision NOT NULL,
  grade text COLLATE "C",
  segment text COLLATE "C" NOT NULL,
  stage text COLLATE "C" NOT NULL,
  updated_at bigint NOT NULL,
  due_at bigint,
  PRIMARY KEY (workspace, lead, score_id)
);
CREATE INDEX scores_rank ON scores (workspace, score_id, score);
CREATE INDEX scores_due ON scores (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE history (
  workspace integer NOT NULL,
  lead ${lead} NOT NULL,
  score_id smallint NOT NULL,
  at bigint NOT NULL,
  cause smallint NOT NULL,
  event_seq bigint,
  score double precision NOT NULL,
  grade text COLLATE "C",
  segment text COLLATE "C" NOT NULL,
  stage text COLLATE "C" NOT NULL
);
CREATE INDEX history_lead ON history (workspace, lead, score_id, at);
`;

async function postgresLean(url: string, leadKey: LeadKey, o: FloorRun): Promise<FloorResult> {
  const type = leadKey === 'integer' ? 'bigint' : 'text COLLATE "C"';
  const array = leadKey === 'integer' ? 'bigint[]' : 'text[]';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(postgresSchema(type));
    const external = `'L' || lpad(n::text, greatest(7, length(n::text)), '0')`;
    await admin.query('INSERT INTO workspaces (id, public_id) VALUES ($1, $2)', [
      WS,
      WORKSPACE_UUID,
    ]);
    await admin.query(
      `INSERT INTO leads (workspace, key, external_id)
       SELECT $1, n, ${external} FROM generate_series(1, $2::int) AS n`,
      [WS, o.leads],
    );
    await admin.query(
      `INSERT INTO scores (workspace, lead, score_id, model_version, state, score, grade, segment,
         stage, updated_at, due_at)
       SELECT $1, ${leadKey === 'integer' ? 'n' : external}, 0, 1, $3::json, 40, 'B', 'nurture',
         'mofu', $4::bigint, $4::bigint + 86400000
       FROM generate_series(1, $2::int) AS n`,
      [WS, o.leads, STATE, Date.now()],
    );
    await admin.query('ANALYZE');
    // Set-based: one statement per table per transaction. Lead keys travel as text (bigint
    // arrives from pg as a string), which is also how a map of them compares.
    const commit = async (conn: pg.PoolClient, events: FloorEvent[], now: number) => {
      const distinct = [...new Set(events.map((e) => e.leadId))];
      const keys = new Map<string, string>();
      if (leadKey === 'text') for (const id of distinct) keys.set(id, id);
      else {
        const found = await conn.query<{ external_id: string; key: string }>(
          'SELECT external_id, key FROM leads WHERE workspace = $1 AND external_id = ANY($2::text[])',
          [WS, distinct],
        );
        for (const r of found.rows) keys.set(r.external_id, r.key);
        if (keys.size !== distinct.length) throw new Error('floor: a lead was not found');
      }
      const leadOf = (e: FloorEvent) => keys.get(e.leadId) as string;
      const stored = await conn.query<{ message_id: string; seq: string }>(
        `INSERT INTO events (workspace, message_id, lead, type, name, time, received_at, payload)
         SELECT $1, m, l, 'track', n, $5, $5, p::json
         FROM unnest($2::text[], $3::${array}, $4::text[], $6::text[]) AS x(m, l, n, p)
         ON CONFLICT (workspace, message_id) DO NOTHING RETURNING message_id, seq`,
        [
          WS,
          events.map((e) => e.messageId),
          events.map(leadOf),
          events.map((e) => e.name),
          now,
          events.map((e) => e.payload),
        ],
      );
      const seqOf = new Map(stored.rows.map((r) => [r.message_id, r.seq]));
      const added = new Map<string, number>();
      for (const e of events)
        if (seqOf.has(e.messageId)) added.set(leadOf(e), (added.get(leadOf(e)) ?? 0) + 1);
      // Locked in one order, so that transactions sharing a lead wait rather than deadlock.
      const rows = await conn.query<{ lead: string; score: number }>(
        `SELECT lead, score FROM scores WHERE workspace = $1 AND score_id = 0
           AND lead = ANY($2::${array}) ORDER BY lead FOR UPDATE`,
        [WS, [...added.keys()]],
      );
      const scores = new Map(
        rows.rows.map((r) => [String(r.lead), r.score + 2 * (added.get(String(r.lead)) ?? 0)]),
      );
      await conn.query(
        `INSERT INTO scores (workspace, lead, score_id, model_version, state, score, grade,
           segment, stage, updated_at, due_at)
         SELECT $1, l, 0, 1, $3::json, s, 'B', 'nurture', 'mofu', $4::bigint,
           $4::bigint + 86400000
         FROM unnest($2::${array}, $5::float8[]) AS x(l, s)
         ON CONFLICT (workspace, lead, score_id) DO UPDATE SET
           model_version = excluded.model_version, state = excluded.state,
           score = excluded.score, grade = excluded.grade, segment = excluded.segment,
           stage = excluded.stage, updated_at = excluded.updated_at, due_at = excluded.due_at`,
        [WS, [...scores.keys()], STATE, now, [...scores.values()]],
      );
      const visible = events.filter((e) => e.visible && seqOf.has(e.messageId));
      if (visible.length > 0)
        await conn.query(
          `INSERT INTO history (workspace, lead, score_id, at, cause, event_seq, score, grade,
             segment, stage)
           SELECT $1, l, 0, $3::bigint, 1, q, s, 'B', 'nurture', 'mofu'
           FROM unnest($2::${array}, $4::bigint[], $5::float8[]) AS x(l, q, s)`,
          [
            WS,
            visible.map(leadOf),
            now,
            visible.map((e) => seqOf.get(e.messageId)),
            visible.map((e) => scores.get(leadOf(e))),
          ],
        );
      return added.size;
    };
    const result = await postgresLoop(url, o, true, commit);
    const stored = await admin.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return checkStored(
      Number(stored.rows[0]?.n),
      result,
      `lean layout (${leadKey} lead key), PostgreSQL`,
    );
  } finally {
    await admin.end();
  }
}

// The lead list's statements, as main had them and as lead-list.ts runs them now, with their
// plans (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN ANALYZE) and row counts on 100k leads, 5%
// unscored, a page of 2,000 past a cursor mid-list. Run: npx tsx bench/list-plans.ts
import Database from 'better-sqlite3';
import pg from 'pg';
import { openBenchStore } from './bench-store.js';

const N = 100000;
const COLS = `l.id, l.traits, l.company_id, l.created_at, l.updated_at, s.lead_id, s.model_version, s.state, s.score, s.fit, s.engagement, s.grade, s.segment, s.stage, s.categories, s.scored_at, s.last_event_time, s.updated_at AS s_updated_at, s.due_at`;
const C = `LEFT JOIN companies c ON c.ws = l.ws AND c.id = l.company_id`;
const NO = `CAST(-1e308 AS DOUBLE PRECISION)`;
const DIRECTIONS = [
  ['DESC', '<'],
  ['ASC', '>'],
] as const;
const q = (dir: string, op: string) => ({
  'old score (cursor mid)': `SELECT ${COLS} FROM leads l LEFT JOIN lead_scores s ON s.ws = l.ws AND s.lead_id = l.id ${C} WHERE l.ws = 1 AND (COALESCE(s.score, ${NO}), l.id) ${op} (50, 'lead-050000') ORDER BY COALESCE(s.score, ${NO}) ${dir}, l.id ${dir} LIMIT 2001`,
  'new score, scored phase (cursor mid)': `SELECT ${COLS} FROM lead_scores s JOIN leads l ON l.ws = s.ws AND l.id = s.lead_id ${C} WHERE s.ws = 1 AND (s.score, s.lead_id) ${op} (50, 'lead-050000') ORDER BY s.score ${dir}, s.lead_id ${dir} LIMIT 2001`,
  'new score, unscored phase (cursor at an unscored lead)': `SELECT l.id, l.traits, l.company_id, l.created_at, l.updated_at, NULL AS lead_id FROM leads l ${C} WHERE l.ws = 1 AND (SELECT count(*) FROM lead_scores s WHERE s.ws = l.ws AND s.lead_id = l.id) = 0 AND l.id ${op} 'lead-050000' ORDER BY l.id ${dir} LIMIT 2001`,
  'updatedAt (same query before and after)': `SELECT ${COLS} FROM leads l LEFT JOIN lead_scores s ON s.ws = l.ws AND s.lead_id = l.id ${C} WHERE l.ws = 1 AND (l.updated_at, l.id) ${op} (5000, 'lead-050000') ORDER BY l.updated_at ${dir}, l.id ${dir} LIMIT 2001`,
});
const seedSqlite = `
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})
INSERT INTO leads (ws, id, traits, company_id, created_at, updated_at)
SELECT 1, printf('lead-%06d', i), '{}', NULL, 0, i % 10000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})
INSERT INTO lead_scores (ws, lead_id, model_version, state, score, fit, engagement, grade, segment, stage, categories, scored_at, last_event_time, updated_at, due_at)
SELECT 1, printf('lead-%06d', i), 1, '{}', i % 101, 0, 0, 'A', 'cold', 'tofu', '{}', 0, 0, 0, NULL FROM n WHERE i % 20 <> 7;`;
const seedPg = `
INSERT INTO leads (ws, id, traits, company_id, created_at, updated_at)
SELECT 1, 'lead-' || lpad(i::text, 6, '0'), '{}', NULL, 0, i % 10000 FROM generate_series(0, ${N - 1}) i;
INSERT INTO lead_scores (ws, lead_id, model_version, state, score, fit, engagement, grade, segment, stage, categories, scored_at, last_event_time, updated_at, due_at)
SELECT 1, 'lead-' || lpad(i::text, 6, '0'), 1, '{}', i % 101, 0, 0, 'A', 'cold', 'tofu', '{}', 0, 0, 0, NULL FROM generate_series(0, ${N - 1}) i WHERE i % 20 <> 7;
ANALYZE;`;

for (const kind of ['sqlite', 'postgres'] as const) {
  const b = await openBenchStore(kind);
  // The first workspace, ws key 1, which the statements name.
  await b.store.createWorkspace('w', 0);
  if (kind === 'sqlite') {
    const db = new Database(b.location);
    db.exec(seedSqlite);
    db.exec('ANALYZE');
    for (const [dir, op] of DIRECTIONS) {
      for (const [name, sql] of Object.entries(q(dir, op))) {
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN ${sql.replaceAll('DOUBLE PRECISION', 'REAL')}`)
          .all() as { detail: string }[];
        const t = process.hrtime.bigint();
        const rows = db.prepare(sql.replaceAll('DOUBLE PRECISION', 'REAL')).all().length;
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        console.log(
          `\n### sqlite ${dir}: ${name} (${rows} rows, ${ms.toFixed(1)} ms)\n${plan.map((p) => p.detail).join('\n')}`,
        );
      }
    }
    db.close();
  } else {
    const c = new pg.Client({ connectionString: b.location });
    await c.connect();
    await c.query(seedPg);
    for (const [dir, op] of DIRECTIONS) {
      for (const [name, sql] of Object.entries(q(dir, op))) {
        const r = await c.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`);
        console.log(
          `\n### postgres ${dir}: ${name}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`,
        );
      }
    }
    await c.end();
  }
  await b.dispose();
}

// PostgreSQL: the filtered, sorted, keyset-paginated lead list.
import { decodeCursor, likePattern, NO_SCORE, toPage, type LeadListItem } from '../lead-list.js';
import type { StoreTx } from '../port.js';
import type { Query } from './pg-db.js';
import { toLead, type LeadRow } from './pg-leads.js';
import { toScore, type ScoreRow } from './pg-scores.js';

type Row = LeadRow &
  Omit<ScoreRow, 'lead_id' | 'updated_at'> & { lead_id: string | null; s_updated_at: number };

const toItem = (r: Row): LeadListItem => ({
  lead: toLead(r),
  score:
    r.lead_id === null ? null : toScore({ ...r, lead_id: r.lead_id, updated_at: r.s_updated_at }),
});

const SEARCHED = [
  "l.traits->>'name'",
  "l.traits->>'first_name'",
  "l.traits->>'last_name'",
  "l.traits->>'email'",
  "c.traits->>'name'",
];

export function listLeadsMethod(q: Query): Pick<StoreTx, 'listLeads' | 'listLeadIds'> {
  return {
    async listLeadIds(ws, { changedSince }) {
      const { rows } = await q<{ id: string; changed: boolean }>(
        `SELECT l.id, (l.updated_at >= $2 OR coalesce(s.updated_at >= $2, false)) AS changed
         FROM leads l
         LEFT JOIN lead_scores s ON s.workspace_id = l.workspace_id AND s.lead_id = l.id
         WHERE l.workspace_id = $1 ORDER BY l.id`,
        [ws, changedSince],
      );
      return rows;
    },
    async listLeads(ws, query) {
      const values: unknown[] = [];
      const param = (value: unknown) => `$${values.push(value)}`;
      const where = [`l.workspace_id = ${param(ws)}`];
      if (query.segment !== undefined) where.push(`s.segment = ${param(query.segment)}`);
      if (query.grade !== undefined) where.push(`s.grade = ${param(query.grade)}`);
      if (query.stage !== undefined) where.push(`s.stage = ${param(query.stage)}`);
      if (query.owner !== undefined) {
        where.push(`EXISTS (SELECT 1 FROM lead_routing r
          WHERE r.workspace_id = l.workspace_id AND r.lead_id = l.id AND r.owner = ${param(query.owner)})`);
      }
      if (query.minScore !== undefined) where.push(`s.score >= ${param(query.minScore)}`);
      if (query.maxScore !== undefined) where.push(`s.score <= ${param(query.maxScore)}`);
      if (query.search !== undefined) {
        const pattern = param(likePattern(query.search));
        where.push(`(${SEARCHED.map((f) => `${f} ILIKE ${pattern} ESCAPE '\\'`).join(' OR ')})`);
      }
      const key =
        query.sort === 'score' ? `COALESCE(s.score, ${NO_SCORE}::float8)` : 'l.updated_at';
      const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
      const cursor = decodeCursor(query);
      if (cursor) {
        const op = dir === 'DESC' ? '<' : '>';
        where.push(`(${key}, l.id) ${op} (${param(cursor.value)}, ${param(cursor.id)})`);
      }
      const { rows } = await q<Row>(
        `SELECT l.id, l.traits, l.company_id, l.created_at, l.updated_at, s.lead_id,
           s.model_version, s.state, s.score, s.fit, s.engagement, s.grade, s.segment, s.stage,
           s.categories, s.scored_at, s.last_event_time, s.updated_at AS s_updated_at, s.due_at
         FROM leads l
         LEFT JOIN lead_scores s ON s.workspace_id = l.workspace_id AND s.lead_id = l.id
         LEFT JOIN companies c ON c.workspace_id = l.workspace_id AND c.id = l.company_id
         WHERE ${where.join(' AND ')}
         ORDER BY ${key} ${dir}, l.id ${dir} LIMIT ${param(query.limit + 1)}`,
        values,
      );
      return toPage(query, rows.map(toItem));
    },
  };
}

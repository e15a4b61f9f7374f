// SQLite: the filtered, sorted, keyset-paginated lead list.
import { decodeCursor, likePattern, NO_SCORE, toPage, type LeadListItem } from '../lead-list.js';
import type { StoreTx } from '../port.js';
import type { Params, Sql } from './sqlite-db.js';
import { toLead, type LeadRow } from './sqlite-leads.js';
import { toScore, type ScoreRow } from './sqlite-scores.js';

type Row = LeadRow &
  Omit<ScoreRow, 'lead_id' | 'updated_at'> & {
    lead_id: string | null;
    s_updated_at: number;
  };

const toItem = (r: Row): LeadListItem => ({
  lead: toLead(r),
  score:
    r.lead_id === null ? null : toScore({ ...r, lead_id: r.lead_id, updated_at: r.s_updated_at }),
});

/**
 * Where search looks. json_extract fails the whole statement on a value it cannot read (nested
 * deeper than SQLite's 1,000 levels, or malformed, as older releases could store), so each read
 * is guarded by json_valid: such a row is not matched, and the list still answers.
 */
const SEARCHED = [
  ['l.traits', '$.name'],
  ['l.traits', '$.first_name'],
  ['l.traits', '$.last_name'],
  ['l.traits', '$.email'],
  ['c.traits', '$.name'],
].map(
  ([column, path]) => `CASE WHEN json_valid(${column}) THEN json_extract(${column}, '${path}') END`,
);

export function listLeadsMethod(sql: Sql): Pick<StoreTx, 'listLeads' | 'listLeadIds'> {
  return {
    async listLeadIds(ws, { changedSince }) {
      return sql<{ id: string; changed: number }>(
        `SELECT l.id, (l.updated_at >= @since OR coalesce(s.updated_at >= @since, 0)) AS changed
         FROM leads l
         LEFT JOIN lead_scores s ON s.workspace_id = l.workspace_id AND s.lead_id = l.id
         WHERE l.workspace_id = @ws ORDER BY l.id`,
      )
        .all({ ws, since: changedSince })
        .map((r) => ({ id: r.id, changed: r.changed === 1 }));
    },
    async listLeads(ws, query) {
      const params: Params = { ws, limit: query.limit + 1 };
      const where = ['l.workspace_id = @ws'];
      const filter = (condition: string, name: string, value: string | number | undefined) => {
        if (value === undefined) return;
        where.push(condition);
        params[name] = value;
      };
      filter('s.segment = @segment', 'segment', query.segment);
      filter('s.grade = @grade', 'grade', query.grade);
      filter('s.stage = @stage', 'stage', query.stage);
      filter(
        `EXISTS (SELECT 1 FROM lead_routing r
           WHERE r.workspace_id = l.workspace_id AND r.lead_id = l.id AND r.owner = @owner)`,
        'owner',
        query.owner,
      );
      filter('s.score >= @minScore', 'minScore', query.minScore);
      filter('s.score <= @maxScore', 'maxScore', query.maxScore);
      if (query.search !== undefined) {
        const likes = SEARCHED.map((value) => `lower(${value}) LIKE @search ESCAPE '\\'`);
        filter(`(${likes.join(' OR ')})`, 'search', likePattern(query.search));
      }
      const key = query.sort === 'score' ? `COALESCE(s.score, ${NO_SCORE})` : 'l.updated_at';
      const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
      const cursor = decodeCursor(query);
      if (cursor) {
        where.push(`(${key}, l.id) ${dir === 'DESC' ? '<' : '>'} (@afterValue, @afterId)`);
        params.afterValue = cursor.value;
        params.afterId = cursor.id;
      }
      const rows = sql<Row>(
        `SELECT l.id, l.traits, l.company_id, l.created_at, l.updated_at, s.lead_id,
           s.model_version, s.state, s.score, s.fit, s.engagement, s.grade, s.segment, s.stage,
           s.categories, s.scored_at, s.last_event_time, s.updated_at AS s_updated_at, s.due_at
         FROM leads l
         LEFT JOIN lead_scores s ON s.workspace_id = l.workspace_id AND s.lead_id = l.id
         LEFT JOIN companies c ON c.workspace_id = l.workspace_id AND c.id = l.company_id
         WHERE ${where.join(' AND ')}
         ORDER BY ${key} ${dir}, l.id ${dir} LIMIT @limit`,
      ).all(params);
      return toPage(query, rows.map(toItem));
    },
  };
}

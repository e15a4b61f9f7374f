// The filtered, sorted, keyset-paginated lead list, and the ids of all leads with whether each
// changed since a time.
import { decodeCursor, likePattern, NO_SCORE, toPage, type LeadListItem } from '../lead-list.js';
import type { StoreTx } from '../port.js';
import type { Dialect } from './dialect.js';
import { scoreSortPhases } from './lead-list-phases.js';
import { toLead, type LeadColumns } from './lead-rows.js';
import { toScore, type ScoreColumns } from './score-rows.js';
import type { SqlDb, SqlValue } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

type Row = LeadColumns &
  Omit<ScoreColumns, 'lead_id' | 'updated_at'> & {
    lead_id: string | null;
    s_updated_at: number;
  };

const toItem = (d: Dialect, r: Row): LeadListItem => ({
  lead: toLead(d, r),
  score:
    r.lead_id === null
      ? null
      : toScore(d, { ...r, lead_id: r.lead_id, updated_at: r.s_updated_at }),
});

/** Where search looks: keys of the lead's traits and its company's name. */
const SEARCHED: [string, string][] = [
  ['l.traits', 'name'],
  ['l.traits', 'first_name'],
  ['l.traits', 'last_name'],
  ['l.traits', 'email'],
  ['c.traits', 'name'],
];

const COLUMNS = `l.id, l.traits, l.company_id, l.created_at, l.updated_at, s.lead_id,
  s.model_version, s.state, s.score, s.fit, s.engagement, s.grade, s.segment, s.stage,
  s.categories, s.scored_at, s.last_event_time, s.updated_at AS s_updated_at, s.due_at`;

/** An unscored lead's row: no score columns (toItem reads none when lead_id is null). */
const UNSCORED_COLUMNS =
  'l.id, l.traits, l.company_id, l.created_at, l.updated_at, NULL AS lead_id';

export function leadListMethods(
  db: SqlDb,
  wsKeys: WorkspaceKeys,
): Pick<StoreTx, 'listLeads' | 'listLeadIds'> {
  const d = db.dialect;
  return {
    async listLeadIds(wsId, { changedSince }) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<{ id: string; changed: unknown }>(
        `SELECT l.id, (l.updated_at >= :since OR coalesce(s.updated_at >= :since, false)) AS changed
         FROM leads l
         LEFT JOIN lead_scores s ON s.ws = l.ws AND s.lead_id = l.id
         WHERE l.ws = :ws ORDER BY l.id`,
        { ws, since: changedSince },
      );
      return rows.map((r) => ({ id: r.id, changed: Boolean(r.changed) }));
    },
    async listLeads(wsId, query) {
      const ws = await wsKeys.of(wsId);
      const params: Record<string, SqlValue> = { ws, limit: query.limit + 1 };
      const where: string[] = [];
      /** Whether a filter needs a score row (so no unscored lead passes). */
      let needsScore = false;
      const filter = (condition: string, name: string, value: SqlValue | undefined) => {
        if (value === undefined) return;
        where.push(condition);
        params[name] = value;
        if (condition.startsWith('s.')) needsScore = true;
      };
      filter('s.segment = :segment', 'segment', query.segment);
      filter('s.grade = :grade', 'grade', query.grade);
      filter('s.stage = :stage', 'stage', query.stage);
      filter(
        `EXISTS (SELECT 1 FROM lead_routing r
           WHERE r.ws = l.ws AND r.lead_id = l.id AND r.owner = :owner)`,
        'owner',
        query.owner,
      );
      filter('s.score >= :minScore', 'minScore', query.minScore);
      filter('s.score <= :maxScore', 'maxScore', query.maxScore);
      if (query.search !== undefined) {
        const likes = SEARCHED.map(([column, key]) =>
          d.likeCaseless(d.jsonKeyText(column, key), 'search'),
        );
        filter(`(${likes.join(' OR ')})`, 'search', likePattern(query.search));
      }
      const desc = query.direction === 'desc';
      const dir = desc ? 'DESC' : 'ASC';
      const after = desc ? '<' : '>';
      const cursor = decodeCursor(query);
      if (cursor) {
        params.afterValue = cursor.value;
        params.afterId = cursor.id;
      }
      const select = (
        from: string,
        conditions: string[],
        order: string,
        limit: number,
        columns = COLUMNS,
      ) =>
        db.all<Row>(
          `SELECT ${columns}
           FROM ${from}
           LEFT JOIN companies c ON c.ws = l.ws AND c.id = l.company_id
           WHERE ${[...conditions, ...where].join(' AND ')}
           ORDER BY ${order} LIMIT :limit`,
          { ...params, limit },
        );
      if (query.sort === 'updatedAt') {
        // Walks leads_updated (ws, updated_at, id) in order from the cursor.
        const keyset = cursor ? [`(l.updated_at, l.id) ${after} (:afterValue, :afterId)`] : [];
        const rows = await select(
          'leads l LEFT JOIN lead_scores s ON s.ws = l.ws AND s.lead_id = l.id',
          ['l.ws = :ws', ...keyset],
          `l.updated_at ${dir}, l.id ${dir}`,
          query.limit + 1,
        );
        return toPage(
          query,
          rows.map((r) => toItem(d, r)),
        );
      }
      // By score: the list is the scored leads in lead_scores_score (ws, score, lead_id) order,
      // and the unscored ones (sorting as NO_SCORE, below every score) in leads' key order,
      // each phase a walk of its index from the cursor; see lead-list-phases.ts.
      const rows: Row[] = [];
      const seen = new Set<string>();
      for (const phase of scoreSortPhases(query.direction, cursor?.value, NO_SCORE)) {
        const wanted = query.limit + 1 - rows.length;
        if (wanted <= 0) break;
        if (phase.kind === 'unscored' && needsScore) continue;
        const found =
          phase.kind === 'scored'
            ? await select(
                'lead_scores s JOIN leads l ON l.ws = s.ws AND l.id = s.lead_id',
                [
                  's.ws = :ws',
                  ...(phase.afterCursor
                    ? [`(s.score, s.lead_id) ${after} (:afterValue, :afterId)`]
                    : []),
                ],
                `s.score ${dir}, s.lead_id ${dir}`,
                wanted,
              )
            : await select(
                'leads l',
                [
                  'l.ws = :ws',
                  // A scalar subquery, not NOT EXISTS: PostgreSQL would plan that as a hash
                  // anti join over the whole workspace; this probes lead_scores' key per lead
                  // while leads' key is walked in order, stopping at the page's end.
                  '(SELECT count(*) FROM lead_scores s WHERE s.ws = l.ws AND s.lead_id = l.id) = 0',
                  ...(phase.afterCursor ? [`l.id ${after} :afterId`] : []),
                ],
                `l.id ${dir}`,
                wanted,
                UNSCORED_COLUMNS,
              );
        // A lead scored between the two statements shows once, where the first one saw it.
        for (const row of found) if (!seen.has(row.id)) rows.push(row);
        for (const row of found) seen.add(row.id);
      }
      return toPage(
        query,
        rows.map((r) => toItem(d, r)),
      );
    },
  };
}

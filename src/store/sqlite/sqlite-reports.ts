// SQLite: the score distribution and the conversion funnel, aggregated in SQL (a few grouped rows
// come back, never the leads themselves).
import {
  binWidth,
  distributionOf,
  type ScoreGroup,
  type ScoreTotals,
} from '../dashboard-counts.js';
import type { DashboardMethods } from '../dashboard-port.js';
import type { FunnelCounts } from '../dashboard-records.js';
import type { Sql } from './sqlite-db.js';

/** Joins `lc` to the customers among the leads whose id is in the column `leadId`. */
const customers = (leadId: string) => `LEFT JOIN lead_lifecycle lc
  ON lc.workspace_id = @ws AND lc.lead_id = ${leadId} AND lc.stage = 'customer'`;

export function reportMethods(
  sql: Sql,
): Pick<DashboardMethods, 'scoreDistribution' | 'funnelCounts'> {
  return {
    async scoreDistribution(ws, { bins }) {
      const totals = sql<ScoreTotals>(
        `SELECT (SELECT count(*) FROM leads WHERE workspace_id = @ws) AS total,
           count(*) AS scored, min(score) AS min, max(score) AS max
         FROM lead_scores WHERE workspace_id = @ws`,
      ).get({ ws }) ?? { total: 0, scored: 0, min: null, max: null };
      const width = binWidth(totals, bins);
      const binCounts = new Map<number, number>();
      if (width > 0) {
        const rows = sql<{ bin: number; n: number }>(
          `SELECT min(CAST((score - @min) / @width AS INTEGER), @last) AS bin, count(*) AS n
           FROM lead_scores WHERE workspace_id = @ws GROUP BY bin`,
        ).all({ ws, min: totals.min, width, last: bins - 1 });
        for (const r of rows) binCounts.set(r.bin, r.n);
      }
      const groups = sql<ScoreGroup>(
        `SELECT segment, grade, stage, count(*) AS count FROM lead_scores
         WHERE workspace_id = @ws GROUP BY segment, grade, stage`,
      ).all({ ws });
      return distributionOf(totals, bins, binCounts, groups);
    },
    async funnelCounts(ws) {
      const all = sql<Omit<FunnelCounts, 'groups'>>(
        `SELECT count(*) AS leads, count(lc.lead_id) AS converted FROM leads l
         ${customers('l.id')}
         WHERE l.workspace_id = @ws`,
      ).get({ ws }) ?? { leads: 0, converted: 0 };
      const groups = sql<FunnelCounts['groups'][number]>(
        `SELECT s.stage, s.segment, count(*) AS leads, count(lc.lead_id) AS converted
         FROM lead_scores s
         ${customers('s.lead_id')}
         WHERE s.workspace_id = @ws GROUP BY s.stage, s.segment`,
      ).all({ ws });
      return { ...all, groups };
    },
  };
}

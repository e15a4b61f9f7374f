// PostgreSQL: the score distribution and the conversion funnel, aggregated in SQL (a few grouped
// rows come back, never the leads themselves).
import {
  binWidth,
  distributionOf,
  type ScoreGroup,
  type ScoreTotals,
} from '../dashboard-counts.js';
import type { DashboardMethods } from '../dashboard-port.js';
import type { FunnelCounts } from '../dashboard-records.js';
import { one, type Query } from './pg-db.js';

/** Joins `lc` to the customers among the leads whose id is in the column `leadId`. */
const customers = (leadId: string) => `LEFT JOIN lead_lifecycle lc
  ON lc.workspace_id = $1 AND lc.lead_id = ${leadId} AND lc.stage = 'customer'`;

export function reportMethods(
  q: Query,
): Pick<DashboardMethods, 'scoreDistribution' | 'funnelCounts'> {
  return {
    async scoreDistribution(ws, { bins }) {
      const totals = one(
        await q<ScoreTotals>(
          `SELECT (SELECT count(*) FROM leads WHERE workspace_id = $1) AS total,
             count(*) AS scored, min(score) AS min, max(score) AS max
           FROM lead_scores WHERE workspace_id = $1`,
          [ws],
        ),
      );
      const width = binWidth(totals, bins);
      const binCounts = new Map<number, number>();
      if (width > 0) {
        const { rows } = await q<{ bin: number; n: number }>(
          `SELECT LEAST(floor((score - $2::float8) / $3::float8), $4::float8)::int AS bin,
             count(*) AS n
           FROM lead_scores WHERE workspace_id = $1 GROUP BY 1`,
          [ws, totals.min, width, bins - 1],
        );
        for (const r of rows) binCounts.set(r.bin, r.n);
      }
      const { rows: groups } = await q<ScoreGroup>(
        `SELECT segment, grade, stage, count(*) AS count FROM lead_scores
         WHERE workspace_id = $1 GROUP BY segment, grade, stage`,
        [ws],
      );
      return distributionOf(totals, bins, binCounts, groups);
    },
    async funnelCounts(ws) {
      const all = one(
        await q<Omit<FunnelCounts, 'groups'>>(
          `SELECT count(*) AS leads, count(lc.lead_id) AS converted FROM leads l
           ${customers('l.id')}
           WHERE l.workspace_id = $1`,
          [ws],
        ),
      );
      const { rows: groups } = await q<FunnelCounts['groups'][number]>(
        `SELECT s.stage, s.segment, count(*) AS leads, count(lc.lead_id) AS converted
         FROM lead_scores s
         ${customers('s.lead_id')}
         WHERE s.workspace_id = $1 GROUP BY s.stage, s.segment`,
        [ws],
      );
      return { ...all, groups };
    },
  };
}

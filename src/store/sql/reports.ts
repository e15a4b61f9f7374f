// The score distribution and the conversion funnel, aggregated in SQL (a few grouped rows come
// back, never the leads themselves).
import {
  binWidth,
  distributionOf,
  type ScoreGroup,
  type ScoreTotals,
} from '../dashboard-counts.js';
import type { DashboardMethods } from '../dashboard-port.js';
import type { FunnelCounts } from '../dashboard-records.js';
import { one, type SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

/** Joins `lc` to the customers among the leads whose id is in the column `leadId`. */
const customers = (leadId: string) => `LEFT JOIN lead_lifecycle lc
  ON lc.ws = :ws AND lc.lead_id = ${leadId} AND lc.stage = 'customer'`;

export function reportMethods(
  db: SqlDb,
  wsKeys: WorkspaceKeys,
): Pick<DashboardMethods, 'scoreDistribution' | 'funnelCounts'> {
  return {
    async scoreDistribution(wsId, { bins }) {
      const ws = await wsKeys.of(wsId);
      const totals = one(
        await db.get<ScoreTotals>(
          `SELECT (SELECT count(*) FROM leads WHERE ws = :ws) AS total,
             count(*) AS scored, min(score) AS min, max(score) AS max
           FROM lead_scores WHERE ws = :ws`,
          { ws },
        ),
      );
      const width = binWidth(totals, bins);
      const binCounts = new Map<number, number>();
      if (width > 0) {
        // floor() of a non-negative quotient; the maximum's bin (= bins, or just under by
        // rounding) joins the last one, which is closed.
        const rows = await db.all<{ bin: number; n: number }>(
          `SELECT CAST(floor((score - CAST(:min AS DOUBLE PRECISION))
               / CAST(:width AS DOUBLE PRECISION)) AS INTEGER) AS bin,
             count(*) AS n
           FROM lead_scores WHERE ws = :ws GROUP BY 1`,
          { ws, min: totals.min, width },
        );
        for (const r of rows) {
          const bin = Math.min(r.bin, bins - 1);
          binCounts.set(bin, (binCounts.get(bin) ?? 0) + r.n);
        }
      }
      const groups = await db.all<ScoreGroup>(
        `SELECT segment, grade, stage, count(*) AS count FROM lead_scores
         WHERE ws = :ws GROUP BY segment, grade, stage`,
        { ws },
      );
      return distributionOf(totals, bins, binCounts, groups);
    },
    async funnelCounts(wsId) {
      const ws = await wsKeys.of(wsId);
      const all = one(
        await db.get<Omit<FunnelCounts, 'groups'>>(
          `SELECT count(*) AS leads, count(lc.lead_id) AS converted FROM leads l
           ${customers('l.id')}
           WHERE l.ws = :ws`,
          { ws },
        ),
      );
      const groups = await db.all<FunnelCounts['groups'][number]>(
        `SELECT s.stage, s.segment, count(*) AS leads, count(lc.lead_id) AS converted
         FROM lead_scores s
         ${customers('s.lead_id')}
         WHERE s.ws = :ws GROUP BY s.stage, s.segment`,
        { ws },
      );
      return { ...all, groups };
    },
  };
}

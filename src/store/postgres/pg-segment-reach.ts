// PostgreSQL: when each lead first entered each segment, from the score history.
import type { SegmentReachMethods } from '../segment-reach-port.js';
import type { Query } from './pg-db.js';

export function segmentReachMethods(q: Query): SegmentReachMethods {
  return {
    async firstReached(ws, leadIds) {
      const { rows } = await q<{ leadId: string; segment: string; at: number }>(
        `SELECT lead_id AS "leadId", segment, MIN(at) AS at FROM score_history
         WHERE workspace_id = $1 AND lead_id = ANY($2::text[])
         GROUP BY lead_id, segment ORDER BY lead_id, at, segment`,
        [ws, leadIds],
      );
      return rows;
    },
  };
}

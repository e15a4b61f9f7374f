// SQLite: when each lead first entered each segment, from the score history.
import type { SegmentReachMethods } from '../segment-reach-port.js';
import type { Sql } from './sqlite-db.js';

export function segmentReachMethods(sql: Sql): SegmentReachMethods {
  return {
    async firstReached(ws, leadIds) {
      // The ids as one JSON array: one prepared statement whatever their number.
      return sql<{ leadId: string; segment: string; at: number }>(
        `SELECT lead_id AS leadId, segment, MIN(at) AS at FROM score_history
         WHERE workspace_id = @ws AND lead_id IN (SELECT value FROM json_each(@ids))
         GROUP BY lead_id, segment ORDER BY lead_id, at, segment`,
      ).all({ ws, ids: JSON.stringify(leadIds) });
    },
  };
}

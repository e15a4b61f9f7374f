// When each lead first entered each segment, from the score history.
import type { SegmentReachMethods } from '../segment-reach-port.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

export function segmentReachMethods(db: SqlDb, wsKeys: WorkspaceKeys): SegmentReachMethods {
  const d = db.dialect;
  return {
    async firstReached(wsId, leadIds) {
      const ws = await wsKeys.of(wsId);
      // The ids as one list parameter: one prepared statement whatever their number.
      return db.all<{ leadId: string; segment: string; at: number }>(
        `SELECT lead_id AS "leadId", segment, MIN(at) AS at FROM score_history
         WHERE ws = :ws AND lead_id ${d.inList('ids')}
         GROUP BY lead_id, segment ORDER BY lead_id, at, segment`,
        { ws, ids: [...leadIds] },
      );
    },
  };
}

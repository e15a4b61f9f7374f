// The ids erasures suppressed, checked by ingestion, listed and lifted by the API.
import type { SuppressionMethods } from '../suppression-port.js';
import { SUPPRESSION_COLUMNS, toSuppression, type SuppressionRow } from '../suppression-rows.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

export function suppressionMethods(db: SqlDb, wsKeys: WorkspaceKeys): SuppressionMethods {
  const d = db.dialect;
  return {
    async suppressLead(wsId, leadId, now) {
      const ws = await wsKeys.of(wsId);
      // The WHERE of the last SELECT also keeps SQLite from reading ON CONFLICT as a join.
      return db.run(
        `INSERT INTO suppressions (ws, id, kind, created_at)
         SELECT CAST(:ws AS INTEGER), CAST(:leadId AS TEXT), 'userId', CAST(:now AS BIGINT)
         UNION ALL
         SELECT :ws, anonymous_id, 'anonymousId', :now FROM identities
         WHERE ws = :ws AND lead_id = :leadId
         ON CONFLICT (ws, id) DO NOTHING`,
        { ws, leadId, now },
      );
    },
    async suppressedAmong(wsId, ids) {
      const ws = await wsKeys.of(wsId);
      if (ids.length === 0) return new Set();
      const rows = await db.all<{ id: string }>(
        `SELECT id FROM suppressions WHERE ws = :ws AND id ${d.inList('ids')}`,
        { ws, ids: [...new Set(ids)] },
      );
      return new Set(rows.map((r) => r.id));
    },
    async countRefusals(wsId, refusals, now) {
      const ws = await wsKeys.of(wsId);
      for (const [id, n] of refusals)
        await db.run(
          `UPDATE suppressions SET refused_count = refused_count + :n, last_refused_at = :now
           WHERE ws = :ws AND id = :id`,
          { ws, id, n, now },
        );
    },
    async listSuppressions(wsId, { limit, after }) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<SuppressionRow>(
        `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions
         WHERE ws = :ws AND (created_at, id) < (:at, :id)
         ORDER BY created_at DESC, id DESC LIMIT :limit`,
        { ws, at: after?.createdAt ?? Number.MAX_SAFE_INTEGER, id: after?.id ?? '', limit },
      );
      return rows.map(toSuppression);
    },
    async liftSuppression(wsId, id) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<SuppressionRow>(
        `DELETE FROM suppressions WHERE ws = :ws AND id = :id
         RETURNING ${SUPPRESSION_COLUMNS}`,
        { ws, id },
      );
      return row && toSuppression(row);
    },
  };
}

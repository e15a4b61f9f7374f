// SQLite: the ids erasures suppressed, checked by ingestion, listed and lifted by the API.
import type { SuppressionMethods } from '../suppression-port.js';
import { SUPPRESSION_COLUMNS, toSuppression, type SuppressionRow } from '../suppression-rows.js';
import type { Sql } from './sqlite-db.js';

export function suppressionMethods(sql: Sql): SuppressionMethods {
  return {
    async suppressLead(ws, leadId, now) {
      // The WHERE of the last SELECT also keeps SQLite from reading ON CONFLICT as a join.
      return sql(
        `INSERT INTO suppressions (workspace_id, id, kind, created_at)
         SELECT @ws, @leadId, 'userId', @now
         UNION ALL
         SELECT @ws, anonymous_id, 'anonymousId', @now FROM identities
         WHERE workspace_id = @ws AND lead_id = @leadId
         ON CONFLICT (workspace_id, id) DO NOTHING`,
      ).run({ ws, leadId, now }).changes;
    },
    async suppressedAmong(ws, ids) {
      if (ids.length === 0) return new Set();
      const rows = sql<{ id: string }>(
        `SELECT id FROM suppressions
         WHERE workspace_id = @ws AND id IN (SELECT value FROM json_each(@ids))`,
      ).all({ ws, ids: JSON.stringify([...new Set(ids)]) });
      return new Set(rows.map((r) => r.id));
    },
    async countRefusals(ws, refusals, now) {
      const update = sql(
        `UPDATE suppressions SET refused_count = refused_count + @n, last_refused_at = @now
         WHERE workspace_id = @ws AND id = @id`,
      );
      for (const [id, n] of refusals) update.run({ ws, id, n, now });
    },
    async listSuppressions(ws, { limit, after }) {
      return sql<SuppressionRow>(
        `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions
         WHERE workspace_id = @ws AND (created_at, id) < (@at, @id)
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      )
        .all({ ws, at: after?.createdAt ?? Number.MAX_SAFE_INTEGER, id: after?.id ?? '', limit })
        .map(toSuppression);
    },
    async liftSuppression(ws, id) {
      const row = sql<SuppressionRow>(
        `DELETE FROM suppressions WHERE workspace_id = @ws AND id = @id
         RETURNING ${SUPPRESSION_COLUMNS}`,
      ).get({ ws, id });
      return row && toSuppression(row);
    },
  };
}

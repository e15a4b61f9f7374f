// PostgreSQL: the ids erasures suppressed, checked by ingestion, listed and lifted by the API.
import type { SuppressionMethods } from '../suppression-port.js';
import { SUPPRESSION_COLUMNS, toSuppression, type SuppressionRow } from '../suppression-rows.js';
import type { Query } from './pg-db.js';

export function suppressionMethods(q: Query): SuppressionMethods {
  return {
    async suppressLead(ws, leadId, now) {
      const result = await q(
        `INSERT INTO suppressions (workspace_id, id, kind, created_at)
         SELECT $1::text, $2::text, 'userId', $3::bigint
         UNION ALL
         SELECT $1, anonymous_id, 'anonymousId', $3 FROM identities
         WHERE workspace_id = $1 AND lead_id = $2
         ON CONFLICT (workspace_id, id) DO NOTHING`,
        [ws, leadId, now],
      );
      return result.rowCount ?? 0;
    },
    async suppressedAmong(ws, ids) {
      if (ids.length === 0) return new Set();
      const { rows } = await q<{ id: string }>(
        'SELECT id FROM suppressions WHERE workspace_id = $1 AND id = ANY($2::text[])',
        [ws, [...new Set(ids)]],
      );
      return new Set(rows.map((r) => r.id));
    },
    async countRefusals(ws, refusals, now) {
      if (refusals.size === 0) return;
      await q(
        `UPDATE suppressions s
         SET refused_count = s.refused_count + r.n, last_refused_at = $4
         FROM unnest($2::text[], $3::bigint[]) AS r(id, n)
         WHERE s.workspace_id = $1 AND s.id = r.id`,
        [ws, [...refusals.keys()], [...refusals.values()], now],
      );
    },
    async listSuppressions(ws, { limit, after }) {
      const { rows } = await q<SuppressionRow>(
        `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions
         WHERE workspace_id = $1 AND (created_at, id) < ($2, $3)
         ORDER BY created_at DESC, id DESC LIMIT $4`,
        [ws, after?.createdAt ?? Number.MAX_SAFE_INTEGER, after?.id ?? '', limit],
      );
      return rows.map(toSuppression);
    },
    async liftSuppression(ws, id) {
      const { rows } = await q<SuppressionRow>(
        `DELETE FROM suppressions WHERE workspace_id = $1 AND id = $2
         RETURNING ${SUPPRESSION_COLUMNS}`,
        [ws, id],
      );
      return rows[0] && toSuppression(rows[0]);
    },
  };
}

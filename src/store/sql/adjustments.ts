// Manual score adjustments of leads: added, listed, removed by hand or once expired.
import type { AdjustmentMethods } from '../adjustment-port.js';
import { ADJUSTMENT_COLUMNS, toAdjustment, type AdjustmentRow } from '../adjustment-rows.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

export function adjustmentMethods(db: SqlDb, wsKeys: WorkspaceKeys): AdjustmentMethods {
  const d = db.dialect;
  return {
    async addAdjustment(wsId, leadId, a) {
      const ws = await wsKeys.of(wsId);
      await db.run(
        `INSERT INTO lead_adjustments (ws, lead_id, id, points, reason, author, at, expires_at)
         VALUES (:ws, :leadId, :id, :points, :reason, :author, :at, :expiresAt)`,
        { ws, leadId, ...a },
      );
    },
    async listAdjustments(wsId, leadId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<AdjustmentRow>(
        `SELECT ${ADJUSTMENT_COLUMNS} FROM lead_adjustments
         WHERE ws = :ws AND lead_id = :leadId ORDER BY at, id`,
        { ws, leadId },
      );
      return rows.map(toAdjustment);
    },
    async adjustmentsOfLeads(wsId, leadIds) {
      const ws = await wsKeys.of(wsId);
      const found = new Map<string, ReturnType<typeof toAdjustment>[]>();
      if (leadIds.length === 0) return found;
      const rows = await db.all<AdjustmentRow>(
        `SELECT ${ADJUSTMENT_COLUMNS} FROM lead_adjustments
         WHERE ws = :ws AND lead_id ${d.inList('ids')} ORDER BY lead_id, at, id`,
        { ws, ids: [...new Set(leadIds)] },
      );
      for (const row of rows) {
        const list = found.get(row.lead_id);
        if (list) list.push(toAdjustment(row));
        else found.set(row.lead_id, [toAdjustment(row)]);
      }
      return found;
    },
    async deleteAdjustment(wsId, leadId, id) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<AdjustmentRow>(
        `DELETE FROM lead_adjustments WHERE ws = :ws AND lead_id = :leadId AND id = :id
         RETURNING ${ADJUSTMENT_COLUMNS}`,
        { ws, leadId, id },
      );
      return row && toAdjustment(row);
    },
    async deleteExpiredAdjustments(wsId, leadId, now) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<AdjustmentRow>(
        `DELETE FROM lead_adjustments
         WHERE ws = :ws AND lead_id = :leadId AND expires_at IS NOT NULL AND expires_at <= :now
         RETURNING ${ADJUSTMENT_COLUMNS}`,
        { ws, leadId, now },
      );
      return rows.map(toAdjustment).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    },
  };
}

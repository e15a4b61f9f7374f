// SQLite: each lead's lifecycle stage and the append-only history of its moves.
import type { LifecycleMethods } from '../lifecycle-port.js';
import {
  ENTRY_COLUMNS,
  fromLifecycle,
  fromLifecycleEntry,
  lastPerLead,
  toLifecycle,
  toLifecycleEntry,
  type LifecycleEntryRow,
  type LifecycleRow,
} from '../lifecycle-rows.js';
import type { Sql } from './sqlite-db.js';

const GET = `SELECT lead_id, stage, since, handover_segment, handover_at FROM lead_lifecycle
  WHERE workspace_id = @ws AND lead_id = @leadId`;

const UPSERT = `INSERT INTO lead_lifecycle
    (workspace_id, lead_id, stage, since, handover_segment, handover_at)
  VALUES (@ws, @lead_id, @stage, @since, @handover_segment, @handover_at)
  ON CONFLICT (workspace_id, lead_id) DO UPDATE SET stage = @stage, since = @since,
    handover_segment = @handover_segment, handover_at = @handover_at`;

const INSERT_ENTRY = `INSERT INTO lifecycle_history (workspace_id, lead_id, kind, from_stage,
    to_stage, reason, cause, cause_ref, actor, value, currency, at, handover_segment, handover_at)
  VALUES (@ws, @lead_id, @kind, @from_stage, @to_stage, @reason, @cause, @cause_ref, @actor,
    @value, @currency, @at, @handover_segment, @handover_at)`;

export function lifecycleMethods(sql: Sql): LifecycleMethods {
  return {
    async getLifecycles(ws, leadIds) {
      const select = sql<LifecycleRow>(GET);
      const found = new Map<string, ReturnType<typeof toLifecycle>>();
      for (const leadId of new Set(leadIds)) {
        const row = select.get({ ws, leadId });
        if (row) found.set(leadId, toLifecycle(row));
      }
      return found;
    },
    async putLifecycles(ws, rows) {
      const upsert = sql(UPSERT);
      for (const row of lastPerLead(rows)) upsert.run({ ws, ...fromLifecycle(row) });
    },
    async appendLifecycleEntries(ws, entries) {
      const insert = sql(INSERT_ENTRY);
      for (const entry of entries) insert.run({ ws, ...fromLifecycleEntry(entry) });
    },
    async listLifecycleEntries(ws, leadId, { limit }) {
      return sql<LifecycleEntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM lifecycle_history
         WHERE workspace_id = @ws AND lead_id = @leadId ORDER BY seq DESC LIMIT @limit`,
      )
        .all({ ws, leadId, limit })
        .map(toLifecycleEntry);
    },
    async listHandoverEntries(ws, { from, to }) {
      return sql<LifecycleEntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM lifecycle_history
         WHERE workspace_id = @ws AND handover_at >= @from AND handover_at < @to
         ORDER BY lead_id, seq`,
      )
        .all({ ws, from, to })
        .map(toLifecycleEntry);
    },
  };
}

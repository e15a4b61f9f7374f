// Each lead's lifecycle stage and the append-only history of its moves: reads by list parameter,
// writes as one bulk statement (rows: ../lifecycle-rows.ts).
import type { LifecycleMethods } from '../lifecycle-port.js';
import type { LeadLifecycle } from '../lifecycle-records.js';
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
import { rowColumns } from './row-columns.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

const STAGE = rowColumns<LifecycleRow>({
  lead_id: 'text',
  stage: 'text',
  since: 'bigint',
  handover_segment: 'text',
  handover_at: 'bigint',
});

const UPSERT = `ON CONFLICT (ws, lead_id) DO UPDATE SET stage = excluded.stage,
  since = excluded.since, handover_segment = excluded.handover_segment,
  handover_at = excluded.handover_at`;

const ENTRY = rowColumns<Omit<LifecycleEntryRow, 'seq'>>({
  lead_id: 'text',
  kind: 'text',
  from_stage: 'text',
  to_stage: 'text',
  reason: 'text',
  cause: 'text',
  cause_ref: 'text',
  actor: 'text',
  value: 'float',
  currency: 'text',
  at: 'bigint',
  handover_segment: 'text',
  handover_at: 'bigint',
});

export function lifecycleMethods(db: SqlDb, wsKeys: WorkspaceKeys): LifecycleMethods {
  const d = db.dialect;
  return {
    async getLifecycles(wsId, leadIds) {
      const ws = await wsKeys.of(wsId);
      const found = new Map<string, LeadLifecycle>();
      if (leadIds.length === 0) return found;
      const rows = await db.all<LifecycleRow>(
        `SELECT lead_id, stage, since, handover_segment, handover_at FROM lead_lifecycle
         WHERE ws = :ws AND lead_id ${d.inList('ids')}`,
        { ws, ids: [...new Set(leadIds)] },
      );
      for (const row of rows) found.set(row.lead_id, toLifecycle(row));
      return found;
    },
    async putLifecycles(wsId, rows) {
      const ws = await wsKeys.of(wsId);
      await db.insertMany({
        table: 'lead_lifecycle',
        fixed: { ws },
        columns: STAGE,
        rows: lastPerLead(rows).map(fromLifecycle),
        conflict: UPSERT,
      });
    },
    async appendLifecycleEntries(wsId, entries) {
      const ws = await wsKeys.of(wsId);
      // Rows are inserted in the given order, so their seq grows in it.
      await db.insertMany({
        table: 'lifecycle_history',
        fixed: { ws },
        columns: ENTRY,
        rows: entries.map(fromLifecycleEntry),
      });
    },
    async listLifecycleEntries(wsId, leadId, { limit }) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<LifecycleEntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM lifecycle_history
         WHERE ws = :ws AND lead_id = :leadId ORDER BY seq DESC LIMIT :limit`,
        { ws, leadId, limit },
      );
      return rows.map(toLifecycleEntry);
    },
    async listHandoverEntries(wsId, { from, to }) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<LifecycleEntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM lifecycle_history
         WHERE ws = :ws AND handover_at >= :from AND handover_at < :to
         ORDER BY lead_id, seq`,
        { ws, from, to },
      );
      return rows.map(toLifecycleEntry);
    },
  };
}

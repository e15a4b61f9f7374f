// PostgreSQL: each lead's lifecycle stage and the append-only history of its moves, each write a
// single statement over a JSON array of rows.
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
import type { Query } from './pg-db.js';

const UPSERT = `INSERT INTO lead_lifecycle
    (workspace_id, lead_id, stage, since, handover_segment, handover_at)
  SELECT $1, r.lead_id, r.stage, r.since, r.handover_segment, r.handover_at
  FROM json_to_recordset($2::json) AS r(lead_id text, stage text, since int8,
    handover_segment text, handover_at int8)
  ON CONFLICT (workspace_id, lead_id) DO UPDATE SET stage = excluded.stage,
    since = excluded.since, handover_segment = excluded.handover_segment,
    handover_at = excluded.handover_at`;

// WITH ORDINALITY keeps the given order in the identity values.
const INSERT_ENTRIES = `INSERT INTO lifecycle_history (workspace_id, lead_id, kind, from_stage,
    to_stage, reason, cause, cause_ref, actor, value, currency, at, handover_segment, handover_at)
  SELECT $1, e.lead_id, e.kind, e.from_stage, e.to_stage, e.reason, e.cause, e.cause_ref,
    e.actor, e.value, e.currency, e.at, e.handover_segment, e.handover_at
  FROM json_array_elements($2::json) WITH ORDINALITY AS t(entry, ord),
    json_to_record(t.entry) AS e(lead_id text, kind text, from_stage text, to_stage text,
      reason text, cause text, cause_ref text, actor text, value float8, currency text, at int8,
      handover_segment text, handover_at int8)
  ORDER BY t.ord`;

export function lifecycleMethods(q: Query): LifecycleMethods {
  return {
    async getLifecycles(ws, leadIds) {
      const found = new Map<string, ReturnType<typeof toLifecycle>>();
      if (leadIds.length === 0) return found;
      const { rows } = await q<LifecycleRow>(
        `SELECT lead_id, stage, since, handover_segment, handover_at FROM lead_lifecycle
         WHERE workspace_id = $1 AND lead_id = ANY($2::text[])`,
        [ws, [...new Set(leadIds)]],
      );
      for (const row of rows) found.set(row.lead_id, toLifecycle(row));
      return found;
    },
    async putLifecycles(ws, rows) {
      if (rows.length === 0) return;
      await q(UPSERT, [ws, JSON.stringify(lastPerLead(rows).map(fromLifecycle))]);
    },
    async appendLifecycleEntries(ws, entries) {
      if (entries.length === 0) return;
      await q(INSERT_ENTRIES, [ws, JSON.stringify(entries.map(fromLifecycleEntry))]);
    },
    async listLifecycleEntries(ws, leadId, { limit }) {
      const { rows } = await q<LifecycleEntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM lifecycle_history
         WHERE workspace_id = $1 AND lead_id = $2 ORDER BY seq DESC LIMIT $3`,
        [ws, leadId, limit],
      );
      return rows.map(toLifecycleEntry);
    },
    async listHandoverEntries(ws, { from, to }) {
      const { rows } = await q<LifecycleEntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM lifecycle_history
         WHERE workspace_id = $1 AND handover_at >= $2 AND handover_at < $3
         ORDER BY lead_id, seq`,
        [ws, from, to],
      );
      return rows.map(toLifecycleEntry);
    },
  };
}

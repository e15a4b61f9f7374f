// SQLite schema, version 6: the sales loop. Each lead's lifecycle stage (with the hand-over to
// sales in effect) and the append-only history of its moves, indexed by lead and by hand-over time.
import type { Migration } from '../../migration.js';

export const lifecycle: Migration = {
  id: '006-lifecycle',
  sql: `
CREATE TABLE lead_lifecycle (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  since INTEGER NOT NULL,
  handover_segment TEXT,
  handover_at INTEGER,
  PRIMARY KEY (workspace_id, lead_id)
) WITHOUT ROWID;

CREATE TABLE lifecycle_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  reason TEXT,
  cause TEXT NOT NULL,
  cause_ref TEXT,
  actor TEXT,
  value REAL,
  currency TEXT,
  at INTEGER NOT NULL,
  handover_segment TEXT,
  handover_at INTEGER
);
CREATE INDEX lifecycle_history_lead ON lifecycle_history (workspace_id, lead_id, seq);
CREATE INDEX lifecycle_history_handover ON lifecycle_history (workspace_id, handover_at)
  WHERE handover_at IS NOT NULL;
`,
};

// Migration 006: the sales loop. Each lead's lifecycle stage (with the hand-over to sales in
// effect) and the append-only history of its moves, indexed by lead and by hand-over time.
import type { Migration } from '../migration.js';

export const lifecycle: Migration = {
  id: '006-lifecycle',
  previousIds: { postgres: '005-lifecycle' },
  sql: {
    sqlite: `
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
    postgres: `
CREATE TABLE lead_lifecycle (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL,
  since BIGINT NOT NULL,
  handover_segment TEXT COLLATE "C",
  handover_at BIGINT,
  PRIMARY KEY (workspace_id, lead_id)
);

CREATE TABLE lifecycle_history (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT COLLATE "C" NOT NULL,
  kind TEXT COLLATE "C" NOT NULL,
  from_stage TEXT COLLATE "C" NOT NULL,
  to_stage TEXT COLLATE "C" NOT NULL,
  reason TEXT,
  cause TEXT COLLATE "C" NOT NULL,
  cause_ref TEXT COLLATE "C",
  actor TEXT,
  value DOUBLE PRECISION,
  currency TEXT COLLATE "C",
  at BIGINT NOT NULL,
  handover_segment TEXT COLLATE "C",
  handover_at BIGINT
);
CREATE INDEX lifecycle_history_lead ON lifecycle_history (workspace_id, lead_id, seq);
CREATE INDEX lifecycle_history_handover ON lifecycle_history (workspace_id, handover_at)
  WHERE handover_at IS NOT NULL;
`,
  },
};

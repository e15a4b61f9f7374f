// PostgreSQL schema, version 5: the sales loop. Each lead's lifecycle stage (with the hand-over to
// sales in effect) and the append-only history of its moves, indexed by lead and by hand-over time.
import type { Migration } from '../../migration.js';

export const lifecycle: Migration = {
  id: '005-lifecycle',
  sql: `
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
};

// Migration 005: lead routing. The owner and tags segment actions give a lead, the once-only
// actions that already fired for it, and the round-robin counters per action.
import type { Migration } from '../migration.js';

export const leadRouting: Migration = {
  id: '005-lead-routing',
  previousIds: { postgres: '004-lead-routing' },
  sql: {
    sqlite: `
CREATE TABLE lead_routing (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  owner TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, lead_id)
);
CREATE INDEX lead_routing_owner ON lead_routing (workspace_id, owner);

CREATE TABLE lead_once (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, lead_id, key)
) WITHOUT ROWID;

CREATE TABLE round_robin (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  turns INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, key)
) WITHOUT ROWID;
`,
    postgres: `
CREATE TABLE lead_routing (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT COLLATE "C" NOT NULL,
  owner TEXT,
  tags JSONB NOT NULL DEFAULT '[]',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, lead_id)
);
CREATE INDEX lead_routing_owner ON lead_routing (workspace_id, owner);

CREATE TABLE lead_once (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT COLLATE "C" NOT NULL,
  key TEXT COLLATE "C" NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, lead_id, key)
);

CREATE TABLE round_robin (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  key TEXT COLLATE "C" NOT NULL,
  turns BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, key)
);
`,
  },
};

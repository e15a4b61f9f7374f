// Migration 010: trained predictive models, versioned per workspace.
import type { Migration } from '../migration.js';

export const predictiveModels: Migration = {
  id: '010-predictive-models',
  previousIds: { sqlite: '011-predictive-models' },
  sql: {
    sqlite: `CREATE TABLE predictive_models (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  artifact TEXT NOT NULL,
  metrics TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, version)
);`,
    postgres: `CREATE TABLE predictive_models (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  artifact JSONB NOT NULL,
  metrics JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (workspace_id, version)
);`,
  },
};

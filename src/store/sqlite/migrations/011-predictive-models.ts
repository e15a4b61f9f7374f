// SQLite schema, version 11: trained predictive models, versioned per workspace.
import type { Migration } from '../../migration.js';

export const predictiveModels: Migration = {
  id: '011-predictive-models',
  sql: `CREATE TABLE predictive_models (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  artifact TEXT NOT NULL,
  metrics TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, version)
);`,
};

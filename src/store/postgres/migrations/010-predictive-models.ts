// PostgreSQL schema, version 10: trained predictive models, versioned per workspace.
import type { Migration } from '../../migration.js';

export const predictiveModels: Migration = {
  id: '010-predictive-models',
  sql: `CREATE TABLE predictive_models (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  artifact JSONB NOT NULL,
  metrics JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (workspace_id, version)
);`,
};

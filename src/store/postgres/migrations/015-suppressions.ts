// PostgreSQL schema, version 15: the ids erasures suppressed (see suppression-port.ts), only the
// id itself and its counts, listed newest first through their own index.
import type { Migration } from '../../migration.js';

export const suppressions: Migration = {
  id: '015-suppressions',
  sql: `
CREATE TABLE suppressions (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('userId', 'anonymousId')),
  created_at BIGINT NOT NULL,
  refused_count BIGINT NOT NULL DEFAULT 0,
  last_refused_at BIGINT,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX suppressions_created ON suppressions (workspace_id, created_at, id);
`,
};

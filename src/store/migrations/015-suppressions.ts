// Migration 015: the ids erasures suppressed (see suppression-port.ts), only the id itself and its
// counts, listed newest first through their own index.
import type { Migration } from '../migration.js';

export const suppressions: Migration = {
  id: '015-suppressions',
  sql: {
    sqlite: `
CREATE TABLE suppressions (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('userId', 'anonymousId')),
  created_at INTEGER NOT NULL,
  refused_count INTEGER NOT NULL DEFAULT 0,
  last_refused_at INTEGER,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
CREATE INDEX suppressions_created ON suppressions (workspace_id, created_at, id);
`,
    postgres: `
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
  },
};

// Migration 002: SQLite only: lead_scores becomes a rowid table. A score row carries its engine
// state (about 1 KB of JSON), more than a WITHOUT ROWID b-tree keeps in its page, so every row had
// an overflow page: reads and updates of scores touched two to three pages instead of one.
import type { Migration } from '../migration.js';

export const leadScoresRowid: Migration = {
  id: '002-lead-scores-rowid',
  sql: {
    sqlite: `
CREATE TABLE lead_scores_rowid (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  state TEXT NOT NULL,
  score REAL NOT NULL,
  fit REAL NOT NULL,
  engagement REAL NOT NULL,
  grade TEXT,
  segment TEXT NOT NULL,
  stage TEXT NOT NULL,
  categories TEXT NOT NULL,
  scored_at INTEGER NOT NULL,
  last_event_time INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, lead_id)
);
INSERT INTO lead_scores_rowid (workspace_id, lead_id, model_version, state, score, fit,
    engagement, grade, segment, stage, categories, scored_at, last_event_time, updated_at)
  SELECT workspace_id, lead_id, model_version, state, score, fit, engagement, grade, segment,
    stage, categories, scored_at, last_event_time, updated_at
  FROM lead_scores;
DROP TABLE lead_scores;
ALTER TABLE lead_scores_rowid RENAME TO lead_scores;
CREATE INDEX lead_scores_score ON lead_scores (workspace_id, score, lead_id);
`,
    postgres:
      '-- Nothing to do: PostgreSQL tables are heaps, never the WITHOUT ROWID layout this converts.',
  },
};

// Migration 007: account (company) scores, and the index that finds a company's contacts.
import type { Migration } from '../migration.js';

export const accountScores: Migration = {
  id: '007-account-scores',
  previousIds: { postgres: '006-account-scores' },
  sql: {
    sqlite: `
CREATE INDEX leads_company ON leads (workspace_id, company_id) WHERE company_id IS NOT NULL;

CREATE TABLE account_scores (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  score REAL NOT NULL,
  fit REAL NOT NULL,
  engagement REAL NOT NULL,
  grade TEXT,
  segment TEXT NOT NULL,
  stage TEXT NOT NULL,
  contacts INTEGER NOT NULL,
  scored_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, company_id)
);
CREATE INDEX account_scores_score ON account_scores (workspace_id, score, company_id);
`,
    postgres: `
CREATE INDEX leads_company ON leads (workspace_id, company_id) WHERE company_id IS NOT NULL;

CREATE TABLE account_scores (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  company_id TEXT COLLATE "C" NOT NULL,
  model_version INTEGER NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  fit DOUBLE PRECISION NOT NULL,
  engagement DOUBLE PRECISION NOT NULL,
  grade TEXT,
  segment TEXT NOT NULL,
  stage TEXT NOT NULL,
  contacts INTEGER NOT NULL,
  scored_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, company_id)
);
CREATE INDEX account_scores_score ON account_scores (workspace_id, score, company_id);
`,
  },
};

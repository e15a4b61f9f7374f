// Migration 001: every table of the store. Times are epoch ms; JSON columns are TEXT on SQLite,
// jsonb on PostgreSQL.
import type { Migration } from '../migration.js';

export const initial: Migration = {
  id: '001-initial',
  sql: {
    sqlite: `
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  -- The last model version handed out, so versions are allocated without a race.
  model_seq INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'write')),
  hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  label TEXT,
  rate_limit_per_minute INTEGER,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

CREATE TABLE companies (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  traits TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;

CREATE TABLE leads (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  traits TEXT NOT NULL,
  -- Not a foreign key: a group call may name a company before its traits arrive.
  company_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
CREATE INDEX leads_updated ON leads (workspace_id, updated_at, id);

CREATE TABLE identities (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  anonymous_id TEXT NOT NULL,
  lead_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, anonymous_id)
) WITHOUT ROWID;
CREATE INDEX identities_lead ON identities (workspace_id, lead_id);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  -- Not a foreign key: events may name a lead before (or without) its identify call.
  lead_id TEXT,
  anonymous_id TEXT,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  time INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (workspace_id, message_id)
);
CREATE INDEX events_lead ON events (workspace_id, lead_id, time, seq);
CREATE INDEX events_anonymous ON events (workspace_id, anonymous_id) WHERE lead_id IS NULL;

CREATE TABLE lead_scores (
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
) WITHOUT ROWID;
CREATE INDEX lead_scores_score ON lead_scores (workspace_id, score, lead_id);

CREATE TABLE score_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  cause TEXT NOT NULL,
  cause_ref TEXT,
  model_version INTEGER NOT NULL,
  score REAL NOT NULL,
  grade TEXT,
  segment TEXT NOT NULL,
  stage TEXT NOT NULL,
  previous TEXT
);
CREATE INDEX score_history_lead ON score_history (workspace_id, lead_id, at, id);

CREATE TABLE models (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  spec TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, version)
);

CREATE TABLE active_models (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  activated_at INTEGER NOT NULL,
  FOREIGN KEY (workspace_id, version) REFERENCES models (workspace_id, version)
);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  progress INTEGER NOT NULL,
  total INTEGER NOT NULL,
  error TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX jobs_workspace ON jobs (workspace_id, created_at);
`,
    // Text is COLLATE "C" (byte order): lists sort as on SQLite, and no collation mixes in joins.
    postgres: `
CREATE TABLE workspaces (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  -- The last model version handed out, so versions are allocated without a race.
  model_seq INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_keys (
  id TEXT COLLATE "C" PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('admin', 'write')),
  hash TEXT COLLATE "C" NOT NULL UNIQUE,
  prefix TEXT COLLATE "C" NOT NULL,
  label TEXT COLLATE "C",
  rate_limit_per_minute INTEGER,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

CREATE TABLE companies (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  traits JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE leads (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  traits JSONB NOT NULL,
  -- Not a foreign key: a group call may name a company before its traits arrive.
  company_id TEXT COLLATE "C",
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX leads_updated ON leads (workspace_id, updated_at, id);

CREATE TABLE identities (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  anonymous_id TEXT COLLATE "C" NOT NULL,
  lead_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, anonymous_id)
);
CREATE INDEX identities_lead ON identities (workspace_id, lead_id);

CREATE TABLE events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  message_id TEXT COLLATE "C" NOT NULL,
  -- Not a foreign key: events may name a lead before (or without) its identify call.
  lead_id TEXT COLLATE "C",
  anonymous_id TEXT COLLATE "C",
  type TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  time BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  -- json, not jsonb: kept exactly as received and never queried into.
  payload JSON NOT NULL,
  UNIQUE (workspace_id, message_id)
);
CREATE INDEX events_lead ON events (workspace_id, lead_id, time, seq);
CREATE INDEX events_anonymous ON events (workspace_id, anonymous_id) WHERE lead_id IS NULL;

CREATE TABLE lead_scores (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT COLLATE "C" NOT NULL,
  model_version INTEGER NOT NULL,
  state JSONB NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  fit DOUBLE PRECISION NOT NULL,
  engagement DOUBLE PRECISION NOT NULL,
  grade TEXT COLLATE "C",
  segment TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL,
  categories JSONB NOT NULL,
  scored_at BIGINT NOT NULL,
  last_event_time BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, lead_id)
);
CREATE INDEX lead_scores_score ON lead_scores (workspace_id, score, lead_id);

CREATE TABLE score_history (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  lead_id TEXT COLLATE "C" NOT NULL,
  at BIGINT NOT NULL,
  cause TEXT COLLATE "C" NOT NULL,
  cause_ref TEXT COLLATE "C",
  model_version INTEGER NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  grade TEXT COLLATE "C",
  segment TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL,
  previous JSONB
);
CREATE INDEX score_history_lead ON score_history (workspace_id, lead_id, at, id);

CREATE TABLE models (
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  spec JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, version)
);

CREATE TABLE active_models (
  workspace_id TEXT COLLATE "C" PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  activated_at BIGINT NOT NULL,
  FOREIGN KEY (workspace_id, version) REFERENCES models (workspace_id, version)
);

CREATE TABLE jobs (
  id TEXT COLLATE "C" PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  progress INTEGER NOT NULL,
  total INTEGER NOT NULL,
  error TEXT COLLATE "C",
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT
);
CREATE INDEX jobs_workspace ON jobs (workspace_id, created_at);
`,
  },
};

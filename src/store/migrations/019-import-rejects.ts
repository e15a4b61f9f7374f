// Migration 019: the rows an import job refused (see import-rejects-port.ts), in the order it
// refused them, each with its file, line and reason, so they can be downloaded, fixed and sent
// again. They go with their job (and their workspace).
import type { Migration } from '../migration.js';

export const importRejects: Migration = {
  id: '019-import-rejects',
  sql: {
    // A rowid table: a refused row may hold 2,000 characters, too many for a WITHOUT ROWID page.
    sqlite: `
CREATE TABLE import_rejects (
  ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE,
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  row_text TEXT NOT NULL,
  PRIMARY KEY (ws, job_id, seq)
);
CREATE INDEX import_rejects_job ON import_rejects (job_id);
`,
    postgres: `
CREATE TABLE import_rejects (
  ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE,
  job_id TEXT COLLATE "C" NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  kind TEXT COLLATE "C" NOT NULL,
  file TEXT NOT NULL,
  line BIGINT NOT NULL,
  reason TEXT NOT NULL,
  row_text TEXT NOT NULL,
  PRIMARY KEY (ws, job_id, seq)
);
CREATE INDEX import_rejects_job ON import_rejects (job_id);
`,
  },
};

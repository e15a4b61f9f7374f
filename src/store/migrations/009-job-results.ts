// Migration 009: the result document of a finished read-only job.
import type { Migration } from '../migration.js';

export const jobResults: Migration = {
  id: '009-job-results',
  previousIds: { sqlite: '010-job-results' },
  sql: {
    sqlite: `CREATE TABLE job_results (
  workspace_id TEXT NOT NULL,
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  result TEXT NOT NULL,
  PRIMARY KEY (workspace_id, job_id)
);`,
    postgres: `CREATE TABLE job_results (
  workspace_id TEXT NOT NULL,
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  result JSONB NOT NULL,
  PRIMARY KEY (workspace_id, job_id)
);`,
  },
};

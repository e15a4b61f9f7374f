// Migration 018: the leads a bulk import stored something for and has not scored yet. Written in
// the transaction of each chunk, cleared in the one that scores the lead, so that an import that
// crashed before its final rescore is completed by the next run (see src/service/import).
import type { Migration } from '../migration.js';

export const importPending: Migration = {
  id: '018-import-pending',
  sql: {
    sqlite: `
CREATE TABLE import_pending (
  ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  PRIMARY KEY (ws, lead_id)
) WITHOUT ROWID;
`,
    postgres: `
CREATE TABLE import_pending (
  ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE,
  lead_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (ws, lead_id)
);
`,
  },
};

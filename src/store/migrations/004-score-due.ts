// Migration 004: when decay alone will move each lead to another segment, indexed so that the decay
// scheduler reads only the leads that are due.
import type { Migration } from '../migration.js';

export const scoreDue: Migration = {
  id: '004-score-due',
  previousIds: { postgres: '003-score-due' },
  sql: {
    sqlite: `
ALTER TABLE lead_scores ADD COLUMN due_at INTEGER;
CREATE INDEX lead_scores_due ON lead_scores (due_at) WHERE due_at IS NOT NULL;
`,
    postgres: `
ALTER TABLE lead_scores ADD COLUMN due_at BIGINT;
CREATE INDEX lead_scores_due ON lead_scores (due_at) WHERE due_at IS NOT NULL;
`,
  },
};

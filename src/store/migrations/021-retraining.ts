// Migration 021: scheduled retraining of predictive models. A workspace's schedule (every so many
// days or off, and the rule a challenger must meet), and a row per retraining run: when, the
// active and challenger versions, both ROC AUCs on the same held-out leads, and the decision.
import type { Migration } from '../migration.js';

interface Types {
  text: string;
  time: string;
  real: string;
  int: string;
}

const WS = 'ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE';

const tables = (t: Types) => `
CREATE TABLE retraining_schedules (
  ${WS} PRIMARY KEY,
  -- NULL: retraining is off.
  every_days ${t.int},
  max_auc_drop ${t.real} NOT NULL,
  updated_at ${t.time} NOT NULL,
  -- When a server last claimed a due run: the next is due every_days after it (or after updated_at).
  claimed_at ${t.time}
);

CREATE TABLE retraining_runs (
  ${WS},
  seq ${t.int} NOT NULL,
  at ${t.time} NOT NULL,
  active_version ${t.int},
  challenger_version ${t.int},
  active_auc ${t.real},
  challenger_auc ${t.real},
  held_out ${t.int} NOT NULL,
  decision ${t.text} NOT NULL CHECK (decision IN ('activated', 'kept', 'failed')),
  reason ${t.text} NOT NULL,
  PRIMARY KEY (ws, seq)
);
`;

export const retraining: Migration = {
  id: '021-retraining',
  sql: {
    sqlite: tables({ text: 'TEXT', time: 'INTEGER', real: 'REAL', int: 'INTEGER' }),
    postgres: tables({
      text: 'TEXT COLLATE "C"',
      time: 'BIGINT',
      real: 'DOUBLE PRECISION',
      int: 'BIGINT',
    }),
  },
};

// Migration 025: what each model version says about itself — the note given when it was saved
// (what changed and why) and its author (a signed-in user's e-mail or an API key's name); older
// versions keep NULL for both. Every activation (a row per switch, so the periods a version was
// active are read from consecutive rows), seeded with the version active today. The last what-if
// (backtest) run for each version, kept with it.
import type { Migration } from '../migration.js';

const WS = 'ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE';

const tables = (text: string, time: string, json: string) => `
ALTER TABLE models ADD COLUMN note ${text};
ALTER TABLE models ADD COLUMN author ${text};
CREATE TABLE model_activations (
  ${WS},
  version INTEGER NOT NULL,
  -- When the switch to this version happened (the activation job's end).
  at ${time} NOT NULL,
  PRIMARY KEY (ws, at, version),
  FOREIGN KEY (ws, version) REFERENCES models (ws, version) ON DELETE CASCADE
);
INSERT INTO model_activations (ws, version, at)
  SELECT ws, version, activated_at FROM active_models;
CREATE TABLE model_what_ifs (
  ${WS},
  version INTEGER NOT NULL,
  -- When the what-if ran (its job's end).
  at ${time} NOT NULL,
  -- The backtest's result as its job answered it (SQLite JSON text, PostgreSQL jsonb).
  result ${json} NOT NULL,
  PRIMARY KEY (ws, version),
  FOREIGN KEY (ws, version) REFERENCES models (ws, version) ON DELETE CASCADE
);
`;

export const modelNotes: Migration = {
  id: '025-model-notes',
  sql: {
    sqlite: tables('TEXT', 'INTEGER', 'TEXT'),
    postgres: tables('TEXT COLLATE "C"', 'BIGINT', 'JSONB'),
  },
};

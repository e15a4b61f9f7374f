// Migration 026: manual score adjustments of leads (see adjustment-port.ts), keyed by workspace,
// lead and id, erased with the lead.
import type { Migration } from '../migration.js';

const table = (text: string, time: string, real: string) => `
CREATE TABLE lead_adjustments (
  ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE,
  lead_id ${text} NOT NULL,
  id ${text} NOT NULL,
  points ${real} NOT NULL,
  reason ${text} NOT NULL,
  -- A user's e-mail or an API key's name.
  author ${text} NOT NULL,
  at ${time} NOT NULL,
  expires_at ${time},
  PRIMARY KEY (ws, lead_id, id)
);
`;

export const adjustments: Migration = {
  id: '026-adjustments',
  sql: {
    sqlite: table('TEXT', 'INTEGER', 'REAL'),
    postgres: table('TEXT COLLATE "C"', 'BIGINT', 'DOUBLE PRECISION'),
  },
};

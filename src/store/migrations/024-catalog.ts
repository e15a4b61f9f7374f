// Migration 024: the data catalog of each workspace (paths, types, values, event counts), computed
// in the background and kept here with when it was computed.
import type { Migration } from '../migration.js';

const table = (json: string, time: string) => `
CREATE TABLE catalogs (
  ws INTEGER NOT NULL PRIMARY KEY REFERENCES workspaces(ws) ON DELETE CASCADE,
  document ${json} NOT NULL,
  computed_at ${time} NOT NULL
);
`;

export const catalog: Migration = {
  id: '024-catalog',
  sql: {
    sqlite: table('TEXT', 'INTEGER'),
    postgres: table('JSONB', 'BIGINT'),
  },
};

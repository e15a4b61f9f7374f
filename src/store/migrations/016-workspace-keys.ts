// Migration 016: internal integer keys for workspaces. Workspaces keep their text id (what the API
// and callers use) and get an integer key `ws`, which every other table holds instead of the
// 36-character workspace_id, leading its primary key and indexes as workspace_id did (so data can
// still be distributed by workspace). The store maps ids to keys (src/store/sql/workspace-keys.ts).
import type { Migration } from '../migration.js';
import { workspaceKeysPostgres } from './016-workspace-keys-postgres.js';
import { workspaceKeysSqlite } from './016-workspace-keys-sqlite.js';

export const workspaceKeys: Migration = {
  id: '016-workspace-keys',
  sql: { sqlite: workspaceKeysSqlite, postgres: workspaceKeysPostgres },
};

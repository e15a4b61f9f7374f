// Migration 017: the workspace key leads the primary keys of the three append-only tables that
// were keyed by their own sequence (events, score_history, lifecycle_history), so that a
// PostgreSQL cluster that distributes tables by workspace (Citus distributes by a column that
// must be in every primary key and unique index) can take them. Nothing reads these tables by
// sequence alone; every query names its workspace. SQLite keeps its rowid keys: it is never
// sharded, and its integer primary key is the row's own address.
import type { Migration } from '../migration.js';

const swap = (table: string, column: string) => `
ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey;
ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (ws, ${column});`;

export const workspaceLedHistoryKeys: Migration = {
  id: '017-workspace-led-history-keys',
  sql: {
    sqlite:
      '-- Nothing to do: SQLite keeps its rowid keys (a SQLite database is never distributed).',
    postgres: [
      swap('events', 'seq'),
      swap('score_history', 'id'),
      swap('lifecycle_history', 'seq'),
    ].join('\n'),
  },
};

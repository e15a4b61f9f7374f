// Migration 013: PostgreSQL only: the score state is stored as json, not jsonb. Every event writes
// its lead's state and every read returns it, and no query looks inside it: jsonb cost a full
// conversion to its binary form on each write (half the cost of the score upsert) and back to text
// on each read; json keeps the text as sent, checked for syntax only.
import type { Migration } from '../migration.js';

export const leadScoresStateJson: Migration = {
  id: '013-lead-scores-state-json',
  sql: {
    sqlite:
      '-- Nothing to do: SQLite keeps the state as TEXT, as sent; it has no jsonb to convert.',
    postgres: `ALTER TABLE lead_scores ALTER COLUMN state TYPE json USING state::json;`,
  },
};

// Migration 014: a stored key keeps only its kind marker and 4 characters of its secret
// (service/keys.ts displayPrefix). Older keys kept 12 characters, most of a short key given by the
// environment, which left little of it to guess from its hash.
import type { Migration } from '../migration.js';

const sql = `UPDATE api_keys SET prefix = CASE
      WHEN substr(prefix, 1, 9) IN ('ls_admin_', 'ls_write_') THEN substr(prefix, 1, 13)
      ELSE substr(prefix, 1, 4)
    END;`;

export const keyPrefix: Migration = {
  id: '014-key-prefix',
  sql: { sqlite: sql, postgres: sql },
};

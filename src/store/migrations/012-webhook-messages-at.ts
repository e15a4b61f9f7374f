// Migration 012: webhook messages found by age, for retention.
import type { Migration } from '../migration.js';

const sql = `CREATE INDEX webhook_messages_at ON webhook_messages (at);`;

export const webhookMessagesAt: Migration = {
  id: '012-webhook-messages-at',
  previousIds: { sqlite: '013-webhook-messages-at' },
  sql: { sqlite: sql, postgres: sql },
};

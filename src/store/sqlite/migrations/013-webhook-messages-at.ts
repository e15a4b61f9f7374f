// SQLite schema, version 13: webhook messages found by age, for retention.
import type { Migration } from '../../migration.js';

export const webhookMessagesAt: Migration = {
  id: '013-webhook-messages-at',
  sql: `CREATE INDEX webhook_messages_at ON webhook_messages (at);`,
};

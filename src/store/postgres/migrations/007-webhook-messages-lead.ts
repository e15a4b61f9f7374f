// PostgreSQL schema, version 7: webhook messages found by lead, for erasure.
import type { Migration } from '../../migration.js';

export const webhookMessagesLead: Migration = {
  id: '007-webhook-messages-lead',
  sql: `CREATE INDEX webhook_messages_lead ON webhook_messages (workspace_id, lead_id);`,
};

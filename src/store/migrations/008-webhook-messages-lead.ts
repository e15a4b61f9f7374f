// Migration 008: webhook messages found by lead, for erasure.
import type { Migration } from '../migration.js';

const sql = `CREATE INDEX webhook_messages_lead ON webhook_messages (workspace_id, lead_id);`;

export const webhookMessagesLead: Migration = {
  id: '008-webhook-messages-lead',
  previousIds: { postgres: '007-webhook-messages-lead' },
  sql: { sqlite: sql, postgres: sql },
};

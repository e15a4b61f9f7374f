// SQLite: webhook retention — old messages nobody still has to deliver go, with their
// deliveries and attempts (foreign keys cascade).
import type { WebhookMethods } from '../webhook-port.js';
import type { Sql } from './sqlite-db.js';

export function retentionMethods(sql: Sql): Pick<WebhookMethods, 'pruneWebhookMessages'> {
  return {
    async pruneWebhookMessages({ before, limit }) {
      return sql(
        `DELETE FROM webhook_messages WHERE id IN (
           SELECT m.id FROM webhook_messages m
           WHERE m.at < @before
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                             WHERE d.message_id = m.id AND d.status = 'pending')
           ORDER BY m.at LIMIT @limit)`,
      ).run({ before, limit }).changes;
    },
  };
}

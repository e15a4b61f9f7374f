// Webhook retention: old messages nobody still has to deliver go, with their deliveries and
// attempts (foreign keys cascade).
import type { WebhookMethods } from '../webhook-port.js';
import type { SqlDb } from './sql-db.js';

export function retentionMethods(db: SqlDb): Pick<WebhookMethods, 'pruneWebhookMessages'> {
  return {
    async pruneWebhookMessages({ before, limit }) {
      return db.run(
        `DELETE FROM webhook_messages WHERE id IN (
           SELECT m.id FROM webhook_messages m
           WHERE m.at < :before
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                             WHERE d.message_id = m.id AND d.status = 'pending')
           ORDER BY m.at LIMIT :limit)`,
        { before, limit },
      );
    },
  };
}

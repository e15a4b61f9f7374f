// PostgreSQL: webhook retention — old messages nobody still has to deliver go, with their
// deliveries and attempts (foreign keys cascade).
import type { WebhookMethods } from '../webhook-port.js';
import type { Query } from './pg-db.js';

export function retentionMethods(q: Query): Pick<WebhookMethods, 'pruneWebhookMessages'> {
  return {
    async pruneWebhookMessages({ before, limit }) {
      const result = await q(
        `DELETE FROM webhook_messages WHERE id IN (
           SELECT m.id FROM webhook_messages m
           WHERE m.at < $1
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                             WHERE d.message_id = m.id AND d.status = 'pending')
           ORDER BY m.at LIMIT $2)`,
        [before, limit],
      );
      return result.rowCount ?? 0;
    },
  };
}

// Sending finished deliveries again on request: one delivery, or every failed one of a
// subscription; each waits behind any pending delivery of its lead.
import { StoreError, type Store, type WebhookDelivery } from '../../store/port.js';
import { deliveryNotFound } from './delivery-log.js';
import { rethrowWebhookNotFound } from './subscriptions.js';

/** Throws StoreError 'not_found' for an unknown delivery, 'conflict' for one still pending. */
export function redeliver(
  store: Store,
  ws: string,
  webhookId: string,
  deliveryId: string,
  now: number,
): Promise<WebhookDelivery> {
  return store.redeliverWebhookDelivery(ws, webhookId, deliveryId, now).catch((error: unknown) => {
    if (error instanceof StoreError && error.code === 'not_found')
      throw deliveryNotFound(webhookId, deliveryId);
    throw error;
  });
}

/** Answers how many went back to pending; throws StoreError 'not_found' for an unknown subscription. */
export function redeliverFailed(
  store: Store,
  ws: string,
  webhookId: string,
  now: number,
): Promise<number> {
  return store
    .redeliverFailedWebhookDeliveries(ws, webhookId, now)
    .catch(rethrowWebhookNotFound(webhookId));
}

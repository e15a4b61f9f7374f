// The deliveries of a subscription as the management API shows them: a page at a time, newest
// first, and one delivery with every attempt.
import {
  StoreError,
  type Store,
  type WebhookDeliveryDetail,
  type WebhookDeliveryPage,
  type WebhookDeliveryStatus,
} from '../../store/port.js';
import { rethrowWebhookNotFound } from './subscriptions.js';

export interface DeliveryPageQuery {
  status?: WebhookDeliveryStatus | undefined;
  limit: number;
  /** The `next` of the previous page; a cursor the store cannot read is StoreError 'invalid'. */
  cursor?: string | undefined;
}

/** Throws StoreError 'not_found' for an unknown subscription. */
export function deliveryPage(
  store: Store,
  ws: string,
  webhookId: string,
  { status, limit, cursor }: DeliveryPageQuery,
): Promise<WebhookDeliveryPage> {
  return store
    .listWebhookDeliveries(ws, webhookId, {
      ...(status ? { status: [status] } : {}),
      before: cursor ?? null,
      limit,
    })
    .catch(rethrowWebhookNotFound(webhookId));
}

/** Throws StoreError 'not_found' for a delivery the subscription does not have. */
export async function getDelivery(
  store: Store,
  ws: string,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDeliveryDetail> {
  const found = await store.getWebhookDelivery(ws, webhookId, deliveryId);
  if (!found) throw deliveryNotFound(webhookId, deliveryId);
  return found;
}

export const deliveryNotFound = (webhookId: string, deliveryId: string) =>
  new StoreError('not_found', `no delivery "${deliveryId}" of webhook "${webhookId}"`);

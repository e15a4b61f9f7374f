// A channel's delivery log, read and redelivered as a webhook's: its messages are the deliveries
// of its queue (Channel.subscriptionId). Unknown channels and deliveries are named as such.
import {
  StoreError,
  type Store,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookDeliveryPage,
} from '../../store/port.js';
import type { DeliveryPageQuery } from '../webhooks/delivery-log.js';
import { getChannel } from './channel-service.js';

const deliveryNotFound = (channelId: string, deliveryId: string) =>
  new StoreError('not_found', `no delivery "${deliveryId}" of channel "${channelId}"`);

/** The store's not_found names the queue; the answer names the delivery asked for. */
const rethrow =
  (channelId: string, deliveryId: string) =>
  (error: unknown): never => {
    if (error instanceof StoreError && error.code === 'not_found')
      throw deliveryNotFound(channelId, deliveryId);
    throw error;
  };

/** Newest first; a cursor the store cannot read is StoreError 'invalid'. */
export async function channelDeliveryPage(
  store: Store,
  ws: string,
  channelId: string,
  { status, limit, cursor }: DeliveryPageQuery,
): Promise<WebhookDeliveryPage> {
  const { subscriptionId } = await getChannel(store, ws, channelId);
  return store.listWebhookDeliveries(ws, subscriptionId, {
    ...(status ? { status: [status] } : {}),
    before: cursor ?? null,
    limit,
  });
}

export async function channelDelivery(
  store: Store,
  ws: string,
  channelId: string,
  deliveryId: string,
): Promise<WebhookDeliveryDetail> {
  const { subscriptionId } = await getChannel(store, ws, channelId);
  const found = await store.getWebhookDelivery(ws, subscriptionId, deliveryId);
  if (!found) throw deliveryNotFound(channelId, deliveryId);
  return found;
}

/** Throws StoreError 'not_found' for an unknown delivery, 'conflict' for one still pending. */
export async function redeliverChannelDelivery(
  store: Store,
  ws: string,
  channelId: string,
  deliveryId: string,
  now: number,
): Promise<WebhookDelivery> {
  const { subscriptionId } = await getChannel(store, ws, channelId);
  return store
    .redeliverWebhookDelivery(ws, subscriptionId, deliveryId, now)
    .catch(rethrow(channelId, deliveryId));
}

/** Answers how many failed deliveries went back to pending. */
export async function redeliverFailedOfChannel(
  store: Store,
  ws: string,
  channelId: string,
  now: number,
): Promise<number> {
  const { subscriptionId } = await getChannel(store, ws, channelId);
  return store.redeliverFailedWebhookDeliveries(ws, subscriptionId, now);
}

/** Pending and failed deliveries, each counted up to `cap` (a page of the log, not a scan). */
export async function deliveryCounts(
  store: Store,
  ws: string,
  channel: { subscriptionId: string },
  cap: number,
): Promise<{ pending: number; failed: number }> {
  const count = async (status: 'pending' | 'failed') =>
    (
      await store.listWebhookDeliveries(ws, channel.subscriptionId, {
        status: [status],
        limit: cap,
      })
    ).items.length;
  const [pending, failed] = await Promise.all([count('pending'), count('failed')]);
  return { pending, failed };
}

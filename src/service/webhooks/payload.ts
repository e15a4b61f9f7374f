// What a webhook request carries: the Standard Webhooks payload `{ type, timestamp, data }` and
// its signature headers (webhook-id, webhook-timestamp, webhook-signature).
import { Webhook } from 'standardwebhooks';
import type { ClaimedDelivery } from '../../store/port.js';

/**
 * The body of a delivery: the same bytes on every attempt. The data gains the lead's id as
 * `leadId` when it does not name it already, so a receiver always knows which lead it is about.
 */
export function payloadOf(
  delivery: Pick<ClaimedDelivery, 'type' | 'leadId' | 'data' | 'at'>,
): string {
  const { type, leadId, data, at } = delivery;
  const withLead = leadId === null || 'leadId' in data ? data : { leadId, ...data };
  return JSON.stringify({ type, timestamp: new Date(at).toISOString(), data: withLead });
}

/** The signature headers of one attempt, signed at `now` (epoch ms). */
export function signatureHeaders(
  secret: string,
  messageId: string,
  body: string,
  now: number,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const at = new Date(now);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}

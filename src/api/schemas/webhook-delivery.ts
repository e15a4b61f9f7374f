// Webhook deliveries as the API answers them: a page of them, one with its attempts, and what
// redelivering all failed ones answers. Times in ISO-8601.
import { z } from 'zod';
import { MESSAGE_TYPES } from '../../store/records.js';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
} from '../../store/webhook-records.js';
import { isoTime } from './iso-time.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const webhookDeliveryViewSchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  messageId: z
    .string()
    .describe('The webhook-id header: the same on every attempt, for receivers to dedupe'),
  type: z.enum(MESSAGE_TYPES).describe('The notification type, or for a channel its message kind'),
  leadId: z.string().nullable(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attemptCount: z.number().int(),
  nextAttemptAt: isoTime
    .nullable()
    .describe('Null once done, and while an earlier delivery of the same lead goes first'),
  lastAttemptAt: isoTime.nullable(),
  lastError: z.string().nullable().describe('What went wrong on the last attempt'),
  createdAt: isoTime.describe('When the change it tells of happened'),
});

const attemptViewSchema = z.object({
  at: isoTime,
  statusCode: z.number().int().nullable().describe('Null when no answer came'),
  error: z.string().nullable().describe('`HTTP 500`, `connection refused (ECONNREFUSED)`, ...'),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable().describe('The start of the response body (1 KB)'),
});

export const webhookDeliveryPageSchema = z
  .object({
    items: z.array(webhookDeliveryViewSchema),
    next: z.string().nullable().describe('The cursor of the next page; null on the last one'),
  })
  .describe('Deliveries, newest first');

export const webhookDeliveryDetailSchema = webhookDeliveryViewSchema
  .extend({
    data: z.record(z.string(), z.unknown()).describe('The notification data as sent'),
    attempts: z.array(attemptViewSchema).describe('Every attempt, oldest first'),
  })
  .describe('A delivery with every attempt');

export const redeliveredSchema = z
  .object({ redelivered: z.number().int().describe('Failed deliveries now pending again') })
  .describe('Accepted: the failed deliveries go out again, each lead in order');

export type WebhookDeliveryView = z.infer<typeof webhookDeliveryViewSchema>;

export function deliveryView(d: WebhookDelivery): WebhookDeliveryView {
  return {
    ...d,
    // A new head is due at 0 ("at once"): answered as the time it was created.
    nextAttemptAt: d.nextAttemptAt === null ? null : iso(Math.max(d.nextAttemptAt, d.createdAt)),
    lastAttemptAt: d.lastAttemptAt === null ? null : iso(d.lastAttemptAt),
    createdAt: iso(d.createdAt),
  };
}

const attemptView = (a: WebhookAttempt) => ({ ...a, at: iso(a.at) });

export function deliveryDetailView(d: WebhookDeliveryDetail) {
  return { ...deliveryView(d), data: d.data, attempts: d.attempts.map(attemptView) };
}

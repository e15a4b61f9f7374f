// The webhook records the store keeps (subscriptions, deliveries, attempts), as zod schemas.
import { z } from 'zod';
import { MESSAGE_TYPES, NOTIFICATION_TYPES } from './records.js';

/** Epoch milliseconds, UTC. */
const millis = z.number();

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export const newWebhookSchema = z.object({
  url: z.string(),
  eventTypes: z.array(z.enum(NOTIFICATION_TYPES)),
  /**
   * The signing secret as the service stores it: opaque text to the store (the service may
   * keep it encrypted; service/secret-box.ts).
   */
  secret: z.string(),
});

export const webhookSchema = newWebhookSchema.extend({
  id: z.string(),
  workspaceId: z.string(),
  enabled: z.boolean(),
  /** Why it is disabled (by a person, or after a run of failed attempts); null when enabled. */
  disabledReason: z.string().nullable(),
  /** Failed attempts since the last successful one, across all its deliveries. */
  consecutiveFailures: z.number().int(),
  createdAt: millis,
  updatedAt: millis,
});

/**
 * Enabling one that was disabled clears its reason and failure run, and gives its pending
 * deliveries a new retry period starting now.
 */
export const webhookPatchSchema = z
  .object({
    url: z.string(),
    eventTypes: z.array(z.enum(NOTIFICATION_TYPES)),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    /** The stored signing secret, replaced (the service seals older plaintext ones). */
    secret: z.string(),
  })
  .partial();

export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  /** The outbox message: the `webhook-id` header, the same on every attempt and redelivery. */
  messageId: z.string(),
  type: z.enum(MESSAGE_TYPES),
  leadId: z.string().nullable(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attemptCount: z.number().int(),
  /** Null once done, and while an earlier delivery of the same lead goes first. */
  nextAttemptAt: millis.nullable(),
  lastAttemptAt: millis.nullable(),
  /** What went wrong on the last attempt; null when it succeeded or none was made yet. */
  lastError: z.string().nullable(),
  /** The time of the change the message tells of. */
  createdAt: millis,
});

export const webhookAttemptSchema = z.object({
  at: millis,
  /** The HTTP status answered; null when no answer came (refused, reset, timed out). */
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  latencyMs: z.number().int(),
  /** The start of the response body (about 1 KB at most). */
  responseExcerpt: z.string().nullable(),
});

export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  /** The notification's data, as the payload carries it. */
  data: z.record(z.string(), z.unknown()),
  /** Oldest first. */
  attempts: z.array(webhookAttemptSchema),
});

/** A delivery the worker holds for one attempt: everything the request needs. */
export const claimedDeliverySchema = z.object({
  workspaceId: z.string(),
  deliveryId: z.string(),
  /** Proves the claim when the attempt is recorded (a claim whose lease ran out is stale). */
  claim: z.string(),
  attemptCount: z.number().int(),
  /** When the current retry period began: null before the first attempt (or a redelivery). */
  retrySince: millis.nullable(),
  webhookId: z.string(),
  /** The channel whose queue the subscription is; null for a webhook. */
  channelId: z.string().nullable(),
  url: z.string(),
  secret: z.string(),
  messageId: z.string(),
  type: z.enum(MESSAGE_TYPES),
  leadId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: millis,
});

export const WEBHOOK_OUTCOMES = ['succeeded', 'retry', 'failed'] as const;

export const webhookAttemptResultSchema = webhookAttemptSchema.extend({
  /** succeeded; retry (at nextAttemptAt); failed for good (the retry period is over). */
  outcome: z.enum(WEBHOOK_OUTCOMES),
  nextAttemptAt: millis.nullable(),
});

export type NewWebhook = z.infer<typeof newWebhookSchema>;
export type Webhook = z.infer<typeof webhookSchema>;
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;
export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetailSchema>;
export type ClaimedDelivery = z.infer<typeof claimedDeliverySchema>;
export type WebhookAttemptResult = z.infer<typeof webhookAttemptResultSchema>;

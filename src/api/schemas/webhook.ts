// Webhook subscriptions as the API takes and answers them (times in ISO-8601; the secret only
// in the answer that creates the subscription).
import { z } from 'zod';
import { secretProblem } from '../../service/webhooks/secret.js';
import { NOTIFICATION_TYPES } from '../../store/records.js';
import type { Webhook } from '../../store/webhook-records.js';
import { isoTime } from './iso-time.js';

const iso = (ms: number) => new Date(ms).toISOString();

const url = z
  .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
  .max(2048)
  .describe('Where the notifications are POSTed');

const eventTypes = z
  .array(z.enum(NOTIFICATION_TYPES))
  .min(1)
  .transform((types) => [...new Set(types)])
  .describe('The notification types it wants');

export const webhookCreateSchema = z
  .object({
    url,
    eventTypes,
    secret: z
      .string()
      .superRefine((secret, ctx) => {
        const problem = secretProblem(secret);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe(
        'The signing secret, `whsec_` and base64 of 24 to 64 bytes; made for you if absent',
      ),
  })
  .strict();

export const webhookUpdateSchema = z
  .object({
    url,
    eventTypes,
    enabled: z
      .boolean()
      .describe('false pauses deliveries; true resumes them, with a new retry period'),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'expected url, eventTypes or enabled');

export const webhookViewSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.enum(NOTIFICATION_TYPES)),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .describe('Why it is disabled: by request, or after a run of failed attempts'),
    consecutiveFailures: z.number().int().describe('Failed attempts since the last success'),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .describe('A webhook subscription');

export const webhookCreatedSchema = webhookViewSchema
  .extend({
    secret: z
      .string()
      .describe('The signing secret (Standard Webhooks `whsec_...`): shown this once, keep it'),
  })
  .describe('Created: the subscription with its signing secret, shown this once');

export const webhookListSchema = z
  .object({ items: z.array(webhookViewSchema) })
  .describe('Webhook subscriptions, oldest first');

export const webhookDeletedSchema = z
  .object({ id: z.string(), deleted: z.literal(true) })
  .describe('Deleted, with its deliveries and their attempts');

export type WebhookView = z.infer<typeof webhookViewSchema>;
export type WebhookCreated = z.infer<typeof webhookCreatedSchema>;

export function webhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    eventTypes: webhook.eventTypes,
    enabled: webhook.enabled,
    disabledReason: webhook.disabledReason,
    consecutiveFailures: webhook.consecutiveFailures,
    createdAt: iso(webhook.createdAt),
    updatedAt: iso(webhook.updatedAt),
  };
}

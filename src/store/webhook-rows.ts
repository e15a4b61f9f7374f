// Webhook rows as the store reads them on both databases, and their records: SQLite keeps
// booleans as 0/1 and arrays as JSON text, PostgreSQL as booleans and text[].
import { randomUUID } from 'node:crypto';
import { StoreError } from './errors.js';
import type { JsonObject, MessageType, NotificationType } from './records.js';
import type {
  ClaimedDelivery,
  Webhook,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
} from './webhook-records.js';

export interface WebhookRow {
  id: string;
  workspace_id: string;
  url: string;
  event_types: string | string[];
  secret: string;
  enabled: number | boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_at: number;
  updated_at: number;
}

/** A subscription's columns, with its workspace's id (the tables hold its key). */
export const WEBHOOK_COLUMNS = `id, url, event_types, secret, enabled, disabled_reason,
  consecutive_failures, created_at, updated_at,
  (SELECT w.id FROM workspaces w WHERE w.ws = webhook_subscriptions.ws) AS workspace_id`;

/** The event_types column as read: JSON text (SQLite) or text[] (PostgreSQL). */
export const readEventTypes = (value: WebhookRow['event_types']): NotificationType[] =>
  (typeof value === 'string' ? JSON.parse(value) : value) as NotificationType[];

export const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  workspaceId: r.workspace_id,
  url: r.url,
  eventTypes: readEventTypes(r.event_types),
  secret: r.secret,
  enabled: Boolean(r.enabled),
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The columns of a delivery with its message's type and lead (`d` deliveries, `m` messages). */
export const DELIVERY_COLUMNS = `d.seq, d.id, d.subscription_id, d.message_id, m.type, m.lead_id,
  d.status, d.attempt_count, d.next_attempt_at, d.last_attempt_at, d.last_error, d.created_at`;

export interface DeliveryRow {
  seq: number;
  id: string;
  subscription_id: string;
  message_id: string;
  type: MessageType;
  lead_id: string | null;
  status: WebhookDeliveryStatus;
  attempt_count: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
}

export const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  webhookId: r.subscription_id,
  messageId: r.message_id,
  type: r.type,
  leadId: r.lead_id,
  status: r.status,
  attemptCount: r.attempt_count,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
});

export interface AttemptRow {
  at: number;
  status_code: number | null;
  error: string | null;
  latency_ms: number;
  response_excerpt: string | null;
}

export const toAttempt = (r: AttemptRow): WebhookAttempt => ({
  at: r.at,
  statusCode: r.status_code,
  error: r.error,
  latencyMs: r.latency_ms,
  responseExcerpt: r.response_excerpt,
});

export interface ClaimRow {
  workspace_id: string;
  id: string;
  attempt_count: number;
  retry_since: number | null;
  subscription_id: string;
  channel_id: string | null;
  url: string;
  secret: string;
  message_id: string;
  type: MessageType;
  lead_id: string | null;
  data: string;
  at: number;
}

export const toClaimed = (r: ClaimRow, claim: string): ClaimedDelivery => ({
  workspaceId: r.workspace_id,
  deliveryId: r.id,
  claim,
  attemptCount: r.attempt_count,
  retrySince: r.retry_since,
  webhookId: r.subscription_id,
  channelId: r.channel_id,
  url: r.url,
  secret: r.secret,
  messageId: r.message_id,
  type: r.type,
  leadId: r.lead_id,
  data: JSON.parse(r.data) as JsonObject,
  at: r.at,
});

/** The `webhook-id` of a message: unique, and the same on every attempt (receivers dedupe on it). */
export const newMessageId = (): string => `msg_${randomUUID().replaceAll('-', '')}`;

/** A delivery page's cursor is the last item's seq; anything else is refused. */
export function parseDeliveryCursor(before: string | null | undefined): number | null {
  if (before === undefined || before === null) return null;
  if (!/^\d{1,15}$/.test(before))
    throw new StoreError(
      'invalid',
      `before: expected the next of an earlier page, got "${before}"`,
    );
  return Number(before);
}

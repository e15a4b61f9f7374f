// The storage port's webhook part: subscriptions, their deliveries, and what the worker needs.
import type {
  ClaimedDelivery,
  NewWebhook,
  Webhook,
  WebhookAttemptResult,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryStatus,
  WebhookPatch,
} from './webhook-records.js';

export interface WebhookDeliveryPage {
  /** Newest first. */
  items: WebhookDelivery[];
  /** Pass as `before` for the next page; null after the last page. */
  next: string | null;
}

/**
 * Deliveries of one subscription go out in order per lead: a lane is (subscription, lead), and
 * only its head (the one with a `nextAttemptAt`) is ever sent; the next one waits until the
 * head has succeeded or failed for good.
 */
export interface WebhookMethods {
  /** Throws StoreError 'not_found' for an unknown workspace. */
  createWebhook(ws: string, webhook: NewWebhook, now: number): Promise<Webhook>;
  getWebhook(ws: string, id: string): Promise<Webhook | undefined>;
  /** Oldest first. */
  listWebhooks(ws: string): Promise<Webhook[]>;
  /** Throws StoreError 'not_found' for an unknown subscription. */
  updateWebhook(ws: string, id: string, patch: WebhookPatch, now: number): Promise<Webhook>;
  /** With its deliveries and their attempts; true when it existed. */
  deleteWebhook(ws: string, id: string): Promise<boolean>;

  /** Newest first, keyset-paginated; throws StoreError 'not_found' for an unknown subscription. */
  listWebhookDeliveries(
    ws: string,
    webhookId: string,
    query: { status?: readonly WebhookDeliveryStatus[]; before?: string | null; limit: number },
  ): Promise<WebhookDeliveryPage>;
  getWebhookDelivery(
    ws: string,
    webhookId: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryDetail | undefined>;
  /**
   * Sends a finished (succeeded or failed) delivery again, with a new retry period: due now,
   * or after the lead's pending deliveries. Throws StoreError 'not_found', or 'conflict' when
   * it is still pending.
   */
  redeliverWebhookDelivery(
    ws: string,
    webhookId: string,
    deliveryId: string,
    now: number,
  ): Promise<WebhookDelivery>;
  /** redeliverWebhookDelivery for every failed delivery of the subscription; answers how many. */
  redeliverFailedWebhookDeliveries(ws: string, webhookId: string, now: number): Promise<number>;

  /**
   * Retention, across workspaces: deletes up to `limit` messages told of before `before` that
   * no subscription still has to deliver (every delivery succeeded or failed for good), with
   * their deliveries and attempts; answers how many messages went.
   */
  pruneWebhookMessages(options: { before: number; limit: number }): Promise<number>;
  /**
   * For the delivery worker, across workspaces: takes up to `limit` due deliveries of enabled
   * subscriptions for `leaseMs`, oldest due first. A delivery held by another claim whose lease
   * has not run out is not taken, so two processes never send the same one at once.
   */
  claimWebhookDeliveries(options: {
    now: number;
    limit: number;
    leaseMs: number;
  }): Promise<ClaimedDelivery[]>;
  /**
   * Records an attempt of a claimed delivery and its outcome; counts the subscription's run of
   * failures and disables it (with `disabledReason`) once the run reaches `disableAfter`; its
   * waiting deliveries then stay pending until it is enabled again. A stale claim (its lease ran
   * out and another took it) records the attempt but leaves the delivery to the newer claim.
   * `recorded` is false when the delivery no longer exists (its subscription was deleted).
   */
  recordWebhookAttempt(
    ws: string,
    claim: { deliveryId: string; claim: string },
    result: WebhookAttemptResult,
    options: { disableAfter: number; disabledReason: string },
  ): Promise<{ recorded: boolean; disabled: boolean }>;
}

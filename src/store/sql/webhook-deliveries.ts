// Webhook deliveries: listing and redelivering them, and the worker's claim (safe with several
// server processes on PostgreSQL: `dialect.skipLocked` plus a lease) and record.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { WebhookMethods } from '../webhook-port.js';
import {
  DELIVERY_COLUMNS,
  parseDeliveryCursor,
  toAttempt,
  toClaimed,
  toDelivery,
  type AttemptRow,
  type ClaimRow,
  type DeliveryRow,
} from '../webhook-rows.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';
import { lanes } from './webhook-lanes.js';

type DeliveryMethods = Pick<
  WebhookMethods,
  | 'listWebhookDeliveries'
  | 'getWebhookDelivery'
  | 'redeliverWebhookDelivery'
  | 'redeliverFailedWebhookDeliveries'
  | 'claimWebhookDeliveries'
  | 'recordWebhookAttempt'
>;

const FROM = 'FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id';

/** Subscriptions answer 0/1 (SQLite) or booleans (PostgreSQL). */
type SubRow = { enabled: number | boolean; consecutive_failures: number };

/**
 * The claim: due heads in due order, each taken under a lease. With `oneSubscription`, only the
 * deliveries of the subscription given as `:sub` (a sync channel's batch, channel-sync.ts).
 */
export function claimStatement(db: SqlDb, oneSubscription = false): string {
  const d = db.dialect;
  const only = oneSubscription ? 'AND q.subscription_id = :sub\n        ' : '';
  // The rows are locked as they are read,
  // and rows another claim holds are skipped (dialect.skipLocked); the RETURNING list reads the
  // subscription and the message by key (SQLite's RETURNING names only the updated table).
  return `UPDATE webhook_deliveries SET lease_until = :until, lease_token = :claim
    WHERE seq IN (
      SELECT q.seq FROM webhook_deliveries q
      WHERE q.status = 'pending' AND q.next_attempt_at <= :now
        AND (q.lease_until IS NULL OR q.lease_until <= :now)
        ${only}AND EXISTS (SELECT 1 FROM webhook_subscriptions s
                    WHERE s.id = q.subscription_id AND s.enabled = TRUE)
      ORDER BY q.next_attempt_at, q.seq
      LIMIT :limit ${d.skipLocked})
    RETURNING seq, next_attempt_at, id, attempt_count, retry_since, subscription_id,
      message_id,
      (SELECT s.url FROM webhook_subscriptions s
       WHERE s.id = webhook_deliveries.subscription_id) AS url,
      (SELECT s.secret FROM webhook_subscriptions s
       WHERE s.id = webhook_deliveries.subscription_id) AS secret,
      (SELECT s.channel_id FROM webhook_subscriptions s
       WHERE s.id = webhook_deliveries.subscription_id) AS channel_id,
      (SELECT m.type FROM webhook_messages m WHERE m.id = webhook_deliveries.message_id) AS type,
      (SELECT m.lead_id FROM webhook_messages m
       WHERE m.id = webhook_deliveries.message_id) AS lead_id,
      (SELECT m.data FROM webhook_messages m WHERE m.id = webhook_deliveries.message_id) AS data,
      (SELECT m.at FROM webhook_messages m WHERE m.id = webhook_deliveries.message_id) AS at,
      (SELECT w.id FROM workspaces w WHERE w.ws = webhook_deliveries.ws) AS workspace_id`;
}

export function deliveryMethods(db: SqlDb, wsKeys: WorkspaceKeys): DeliveryMethods {
  const d = db.dialect;
  const lane = lanes(db);
  const claimSql = claimStatement(db);

  const subscription = async (ws: number, id: string) => {
    const row = await db.get<{ enabled: number | boolean }>(
      'SELECT enabled FROM webhook_subscriptions WHERE ws = :ws AND id = :id',
      { ws, id },
    );
    if (!row) throw new StoreError('not_found', `webhook ${id} not found`);
    return { enabled: Boolean(row.enabled) };
  };
  const delivery = (sub: string, id: string) =>
    db.get<DeliveryRow & { lead_key: string }>(
      `SELECT ${DELIVERY_COLUMNS}, d.lead_key ${FROM} WHERE d.subscription_id = :sub AND d.id = :id`,
      { sub, id },
    );

  return {
    async listWebhookDeliveries(wsId, webhookId, query) {
      const ws = await wsKeys.of(wsId);
      await subscription(ws, webhookId);
      const rows = await db.all<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} ${FROM}
         WHERE d.subscription_id = :sub AND d.seq < :before
           ${query.status ? `AND d.status ${d.inList('status')}` : ''}
         ORDER BY d.seq DESC LIMIT :limit`,
        {
          sub: webhookId,
          before: parseDeliveryCursor(query.before) ?? Number.MAX_SAFE_INTEGER,
          ...(query.status ? { status: [...query.status] } : {}),
          limit: query.limit,
        },
      );
      const last = rows[rows.length - 1];
      return {
        items: rows.map(toDelivery),
        next: last && rows.length === query.limit ? String(last.seq) : null,
      };
    },
    async getWebhookDelivery(wsId, webhookId, deliveryId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<DeliveryRow & { data: string }>(
        `SELECT ${DELIVERY_COLUMNS}, m.data ${FROM}
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
         WHERE s.ws = :ws AND d.subscription_id = :sub AND d.id = :id`,
        { ws, sub: webhookId, id: deliveryId },
      );
      if (!row) return undefined;
      const attempts = await db.all<AttemptRow>(
        `SELECT at, status_code, error, latency_ms, response_excerpt FROM webhook_attempts
         WHERE delivery_seq = :seq ORDER BY id`,
        { seq: row.seq },
      );
      return {
        ...toDelivery(row),
        data: JSON.parse(row.data) as Record<string, unknown>,
        attempts: attempts.map(toAttempt),
      };
    },
    async redeliverWebhookDelivery(wsId, webhookId, deliveryId, now) {
      const ws = await wsKeys.of(wsId);
      const { enabled } = await subscription(ws, webhookId);
      const row = await delivery(webhookId, deliveryId);
      if (!row) throw new StoreError('not_found', `delivery ${deliveryId} not found`);
      const own = [{ subscriptionId: webhookId, leadKey: row.lead_key }];
      await lane.lock(own);
      // A pending delivery keeps its lane busy, and the guarded update then changes nothing.
      const head = enabled && (await lane.busy(own)).size === 0;
      const changed = await db.run(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :next,
           retry_since = NULL, lease_until = NULL, lease_token = NULL
         WHERE seq = :seq AND status <> 'pending'`,
        { seq: row.seq, next: head ? now : null },
      );
      if (changed === 0)
        throw new StoreError('conflict', `delivery ${deliveryId} is pending: it is sent already`);
      return toDelivery((await delivery(webhookId, deliveryId)) as DeliveryRow);
    },
    async redeliverFailedWebhookDeliveries(wsId, webhookId, now) {
      const ws = await wsKeys.of(wsId);
      const { enabled } = await subscription(ws, webhookId);
      await lane.lockOf(webhookId, 'failed');
      const changed = await db.run(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NULL,
           retry_since = NULL, lease_until = NULL, lease_token = NULL
         WHERE subscription_id = :sub AND status = 'failed'`,
        { sub: webhookId },
      );
      if (enabled) await lane.promoteAll(webhookId, now);
      return changed;
    },
    async claimWebhookDeliveries({ now, limit, leaseMs }) {
      const claim = randomUUID();
      const rows = await db.all<ClaimRow & { seq: number; next_attempt_at: number }>(claimSql, {
        now,
        limit,
        until: now + leaseMs,
        claim,
      });
      // In due order, whatever order the update wrote them in.
      rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.seq - b.seq);
      return rows.map((row) => toClaimed(row, claim));
    },
    async recordWebhookAttempt(wsId, { deliveryId, claim }, result, options) {
      const ws = await wsKeys.of(wsId);
      type Found = { seq: number; subscription_id: string; lead_key: string };
      const first = await db.get<Found>(
        `SELECT seq, subscription_id, lead_key FROM webhook_deliveries
         WHERE ws = :ws AND id = :deliveryId`,
        { ws, deliveryId },
      );
      if (!first) return { recorded: false, disabled: false };
      // The lane, then the subscription's row, then deliveries: every writer takes them so.
      await lane.lock([{ subscriptionId: first.subscription_id, leadKey: first.lead_key }]);
      const row = await db.get<{ status: string; lease_token: string | null }>(
        'SELECT status, lease_token FROM webhook_deliveries WHERE seq = :seq',
        { seq: first.seq },
      );
      if (!row) return { recorded: false, disabled: false };
      await db.run(
        `INSERT INTO webhook_attempts (delivery_seq, at, status_code, error, latency_ms,
           response_excerpt) VALUES (:seq, :at, :statusCode, :error, :latencyMs, :responseExcerpt)`,
        {
          seq: first.seq,
          at: result.at,
          statusCode: result.statusCode,
          error: result.error,
          latencyMs: result.latencyMs,
          responseExcerpt: result.responseExcerpt,
        },
      );
      const ok = result.outcome === 'succeeded';
      const subId = { sub: first.subscription_id };
      // A success takes no lock on the subscription's row unless it ends a run of failures:
      // deliveries of one subscription would queue on that row otherwise.
      const sub = ok
        ? await db.get<SubRow>(
            'SELECT enabled, consecutive_failures FROM webhook_subscriptions WHERE id = :sub',
            subId,
          )
        : await db.get<SubRow>(
            `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1
             WHERE id = :sub RETURNING enabled, consecutive_failures`,
            subId,
          );
      if (ok && sub && sub.consecutive_failures > 0)
        await db.run(
          'UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = :sub',
          subId,
        );
      const enabled = Boolean(sub?.enabled);
      const disabled = !ok && enabled && sub!.consecutive_failures >= options.disableAfter;
      if (disabled) {
        await db.run(
          `UPDATE webhook_subscriptions SET enabled = FALSE, disabled_reason = :reason,
             updated_at = :at WHERE id = :sub`,
          { reason: options.disabledReason, at: result.at, ...subId },
        );
      }
      const current = row.status === 'pending' && row.lease_token === claim;
      const done = result.outcome !== 'retry';
      await db.run(
        `UPDATE webhook_deliveries SET attempt_count = attempt_count + 1,
           last_attempt_at = :at, last_error = :error,
           retry_since = CASE WHEN :current THEN coalesce(retry_since, :at) ELSE retry_since END,
           status = CASE WHEN :current THEN :status ELSE status END,
           next_attempt_at = CASE WHEN :current THEN :next ELSE next_attempt_at END,
           lease_until = CASE WHEN :current THEN NULL ELSE lease_until END,
           lease_token = CASE WHEN :current THEN NULL ELSE lease_token END
         WHERE seq = :seq`,
        {
          seq: first.seq,
          at: result.at,
          error: result.error,
          current,
          status: done ? result.outcome : 'pending',
          next: done ? null : (result.nextAttemptAt ?? result.at),
        },
      );
      if (disabled) await lane.park(first.subscription_id, result.at);
      else if (current && done && enabled)
        await lane.promote(first.subscription_id, first.lead_key, result.at);
      return { recorded: true, disabled };
    },
  };
}

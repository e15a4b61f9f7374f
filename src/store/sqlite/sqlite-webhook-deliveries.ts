// SQLite: webhook deliveries: listing and redelivering them, and the worker's claim and record.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import {
  CLAIM_COLUMNS,
  DELIVERY_COLUMNS,
  parseDeliveryCursor,
  toAttempt,
  toClaimed,
  toDelivery,
  type AttemptRow,
  type ClaimRow,
  type DeliveryRow,
} from '../webhook-rows.js';
import type { Sql } from './sqlite-db.js';
import { lanes } from './sqlite-webhook-lanes.js';

type DeliveryMethods = Pick<
  StoreTx,
  | 'listWebhookDeliveries'
  | 'getWebhookDelivery'
  | 'redeliverWebhookDelivery'
  | 'redeliverFailedWebhookDeliveries'
  | 'claimWebhookDeliveries'
  | 'recordWebhookAttempt'
>;

const FROM = 'FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id';

export function deliveryMethods(sql: Sql): DeliveryMethods {
  const lane = lanes(sql);
  const subscription = (ws: string, id: string) => {
    const row = sql<{ enabled: number }>(
      'SELECT enabled FROM webhook_subscriptions WHERE workspace_id = @ws AND id = @id',
    ).get({ ws, id });
    if (!row) throw new StoreError('not_found', `webhook ${id} not found`);
    return row;
  };
  const delivery = (sub: string, id: string) =>
    sql<DeliveryRow & { lead_key: string }>(
      `SELECT ${DELIVERY_COLUMNS}, d.lead_key ${FROM} WHERE d.subscription_id = @sub AND d.id = @id`,
    ).get({ sub, id });

  return {
    async listWebhookDeliveries(ws, webhookId, query) {
      subscription(ws, webhookId);
      const before = parseDeliveryCursor(query.before);
      const rows = sql<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} ${FROM}
         WHERE d.subscription_id = @sub AND (@before IS NULL OR d.seq < @before)
           AND (@status IS NULL OR d.status IN (SELECT value FROM json_each(@status)))
         ORDER BY d.seq DESC LIMIT @limit`,
      ).all({
        sub: webhookId,
        before,
        status: query.status ? JSON.stringify(query.status) : null,
        limit: query.limit,
      });
      const last = rows[rows.length - 1];
      return {
        items: rows.map(toDelivery),
        next: last && rows.length === query.limit ? String(last.seq) : null,
      };
    },
    async getWebhookDelivery(ws, webhookId, deliveryId) {
      if (
        !sql('SELECT 1 FROM webhook_subscriptions WHERE workspace_id = @ws AND id = @id').get({
          ws,
          id: webhookId,
        })
      )
        return undefined;
      const row = delivery(webhookId, deliveryId);
      if (!row) return undefined;
      const data = sql<{ data: string }>('SELECT data FROM webhook_messages WHERE id = @id').get({
        id: row.message_id,
      });
      const attempts = sql<AttemptRow>(
        'SELECT * FROM webhook_attempts WHERE delivery_seq = @seq ORDER BY id',
      ).all({ seq: row.seq });
      return {
        ...toDelivery(row),
        data: JSON.parse(data?.data ?? '{}') as Record<string, unknown>,
        attempts: attempts.map(toAttempt),
      };
    },
    async redeliverWebhookDelivery(ws, webhookId, deliveryId, now) {
      const { enabled } = subscription(ws, webhookId);
      const row = delivery(webhookId, deliveryId);
      if (!row) throw new StoreError('not_found', `delivery ${deliveryId} not found`);
      if (row.status === 'pending')
        throw new StoreError('conflict', `delivery ${deliveryId} is pending: it is sent already`);
      const head = enabled === 1 && !lane.busy(webhookId, row.lead_key);
      sql(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @next,
           retry_since = NULL, lease_until = NULL, lease_token = NULL WHERE seq = @seq`,
      ).run({ seq: row.seq, next: head ? now : null });
      return toDelivery(delivery(webhookId, deliveryId) as DeliveryRow);
    },
    async redeliverFailedWebhookDeliveries(ws, webhookId, now) {
      const { enabled } = subscription(ws, webhookId);
      const { changes } = sql(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NULL,
           retry_since = NULL, lease_until = NULL, lease_token = NULL
         WHERE subscription_id = @sub AND status = 'failed'`,
      ).run({ sub: webhookId });
      if (enabled === 1) lane.promoteAll(webhookId, now);
      return changes;
    },
    async claimWebhookDeliveries({ now, limit, leaseMs }) {
      const rows = sql<ClaimRow & { seq: number }>(
        `SELECT d.seq, ${CLAIM_COLUMNS}
         FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
         JOIN webhook_messages m ON m.id = d.message_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= @now
           AND (d.lease_until IS NULL OR d.lease_until <= @now) AND s.enabled = 1
         ORDER BY d.next_attempt_at, d.seq LIMIT @limit`,
      ).all({ now, limit });
      const claim = randomUUID();
      const lease = sql(
        'UPDATE webhook_deliveries SET lease_until = @until, lease_token = @claim WHERE seq = @seq',
      );
      for (const row of rows) lease.run({ seq: row.seq, until: now + leaseMs, claim });
      return rows.map((row) => toClaimed(row, claim));
    },
    async recordWebhookAttempt(ws, { deliveryId, claim }, result, options) {
      const row = sql<{
        seq: number;
        subscription_id: string;
        lead_key: string;
        status: string;
        lease_token: string | null;
      }>(
        `SELECT seq, subscription_id, lead_key, status, lease_token FROM webhook_deliveries
         WHERE workspace_id = @ws AND id = @deliveryId`,
      ).get({ ws, deliveryId });
      if (!row) return { recorded: false, disabled: false };
      sql(
        `INSERT INTO webhook_attempts (delivery_seq, at, status_code, error, latency_ms,
           response_excerpt) VALUES (@seq, @at, @statusCode, @error, @latencyMs, @responseExcerpt)`,
      ).run({
        seq: row.seq,
        at: result.at,
        statusCode: result.statusCode,
        error: result.error,
        latencyMs: result.latencyMs,
        responseExcerpt: result.responseExcerpt,
      });
      const ok = result.outcome === 'succeeded';
      // A success writes the subscription's row only when it ends a run of failures.
      const sub = ok
        ? sql<{ enabled: number; consecutive_failures: number }>(
            'SELECT enabled, consecutive_failures FROM webhook_subscriptions WHERE id = @sub',
          ).get({ sub: row.subscription_id })
        : sql<{ enabled: number; consecutive_failures: number }>(
            `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1
             WHERE id = @sub RETURNING enabled, consecutive_failures`,
          ).get({ sub: row.subscription_id });
      if (ok && sub && sub.consecutive_failures > 0)
        sql('UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = @sub').run({
          sub: row.subscription_id,
        });
      const disabled =
        !ok && sub?.enabled === 1 && sub.consecutive_failures >= options.disableAfter;
      if (disabled) {
        sql(
          `UPDATE webhook_subscriptions SET enabled = 0, disabled_reason = @reason, updated_at = @at
           WHERE id = @sub`,
        ).run({ reason: options.disabledReason, at: result.at, sub: row.subscription_id });
      }
      const current = row.status === 'pending' && row.lease_token === claim;
      const done = result.outcome !== 'retry';
      sql(
        `UPDATE webhook_deliveries SET attempt_count = attempt_count + 1,
           last_attempt_at = @at, last_error = @error,
           retry_since = CASE WHEN @current = 1 THEN coalesce(retry_since, @at) ELSE retry_since END,
           status = CASE WHEN @current = 1 THEN @status ELSE status END,
           next_attempt_at = CASE WHEN @current = 1 THEN @next ELSE next_attempt_at END,
           lease_until = CASE WHEN @current = 1 THEN NULL ELSE lease_until END,
           lease_token = CASE WHEN @current = 1 THEN NULL ELSE lease_token END
         WHERE seq = @seq`,
      ).run({
        seq: row.seq,
        at: result.at,
        error: result.error,
        current: current ? 1 : 0,
        status: done ? result.outcome : 'pending',
        next: done ? null : (result.nextAttemptAt ?? result.at),
      });
      if (disabled) lane.park(row.subscription_id, result.at);
      else if (current && done && sub?.enabled === 1)
        lane.promote(row.subscription_id, row.lead_key, result.at);
      return { recorded: true, disabled };
    },
  };
}

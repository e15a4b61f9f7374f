// PostgreSQL: webhook deliveries: listing and redelivering them, and the worker's claim (safe
// with several server processes: FOR UPDATE SKIP LOCKED plus a lease) and record.
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
import type { Query } from './pg-db.js';
import { lanes } from './pg-webhook-lanes.js';

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

export function deliveryMethods(q: Query): DeliveryMethods {
  const lane = lanes(q);
  const subscription = async (ws: string, id: string) => {
    const { rows } = await q<{ enabled: boolean }>(
      'SELECT enabled FROM webhook_subscriptions WHERE workspace_id = $1 AND id = $2',
      [ws, id],
    );
    if (!rows[0]) throw new StoreError('not_found', `webhook ${id} not found`);
    return rows[0];
  };
  const delivery = async (sub: string, id: string) =>
    (
      await q<DeliveryRow & { lead_key: string }>(
        `SELECT ${DELIVERY_COLUMNS}, d.lead_key ${FROM} WHERE d.subscription_id = $1 AND d.id = $2`,
        [sub, id],
      )
    ).rows[0];

  return {
    async listWebhookDeliveries(ws, webhookId, query) {
      await subscription(ws, webhookId);
      const { rows } = await q<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} ${FROM}
         WHERE d.subscription_id = $1 AND ($2::bigint IS NULL OR d.seq < $2)
           AND ($3::text[] IS NULL OR d.status = ANY($3::text[]))
         ORDER BY d.seq DESC LIMIT $4`,
        [
          webhookId,
          parseDeliveryCursor(query.before),
          query.status ? [...query.status] : null,
          query.limit,
        ],
      );
      const last = rows[rows.length - 1];
      return {
        items: rows.map(toDelivery),
        next: last && rows.length === query.limit ? String(last.seq) : null,
      };
    },
    async getWebhookDelivery(ws, webhookId, deliveryId) {
      const { rows } = await q<DeliveryRow & { data: string }>(
        `SELECT ${DELIVERY_COLUMNS}, m.data ${FROM}
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
         WHERE s.workspace_id = $1 AND d.subscription_id = $2 AND d.id = $3`,
        [ws, webhookId, deliveryId],
      );
      const row = rows[0];
      if (!row) return undefined;
      const attempts = await q<AttemptRow>(
        'SELECT * FROM webhook_attempts WHERE delivery_seq = $1 ORDER BY id',
        [row.seq],
      );
      return {
        ...toDelivery(row),
        data: JSON.parse(row.data) as Record<string, unknown>,
        attempts: attempts.rows.map(toAttempt),
      };
    },
    async redeliverWebhookDelivery(ws, webhookId, deliveryId, now) {
      const { enabled } = await subscription(ws, webhookId);
      const row = await delivery(webhookId, deliveryId);
      if (!row) throw new StoreError('not_found', `delivery ${deliveryId} not found`);
      await lane.lock([{ subscriptionId: webhookId, leadKey: row.lead_key }]);
      const busy = await lane.busy([{ subscriptionId: webhookId, leadKey: row.lead_key }]);
      const head = enabled && busy.size === 0;
      const { rows } = await q<{ seq: number }>(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2,
           retry_since = NULL, lease_until = NULL, lease_token = NULL
         WHERE seq = $1 AND status <> 'pending' RETURNING seq`,
        [row.seq, head ? now : null],
      );
      if (!rows[0])
        throw new StoreError('conflict', `delivery ${deliveryId} is pending: it is sent already`);
      return toDelivery((await delivery(webhookId, deliveryId)) as DeliveryRow);
    },
    async redeliverFailedWebhookDeliveries(ws, webhookId, now) {
      const { enabled } = await subscription(ws, webhookId);
      await lane.lockOf(webhookId, 'failed');
      const { rowCount } = await q(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NULL,
           retry_since = NULL, lease_until = NULL, lease_token = NULL
         WHERE subscription_id = $1 AND status = 'failed'`,
        [webhookId],
      );
      if (enabled) await lane.promoteAll(webhookId, now);
      return rowCount ?? 0;
    },
    async claimWebhookDeliveries({ now, limit, leaseMs }) {
      const claim = randomUUID();
      const { rows } = await q<ClaimRow>(
        `WITH due AS (
           SELECT d.seq FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id
           WHERE d.status = 'pending' AND d.next_attempt_at <= $1
             AND (d.lease_until IS NULL OR d.lease_until <= $1) AND s.enabled
           ORDER BY d.next_attempt_at, d.seq
           LIMIT $2
           FOR UPDATE OF d SKIP LOCKED
         )
         UPDATE webhook_deliveries d SET lease_until = $3, lease_token = $4
         FROM due, webhook_subscriptions s, webhook_messages m
         WHERE d.seq = due.seq AND s.id = d.subscription_id AND m.id = d.message_id
         RETURNING ${CLAIM_COLUMNS}`,
        [now, limit, now + leaseMs, claim],
      );
      return rows.map((row) => toClaimed(row, claim));
    },
    async recordWebhookAttempt(ws, { deliveryId, claim }, result, options) {
      const found = await q<{ seq: number; subscription_id: string; lead_key: string }>(
        `SELECT seq, subscription_id, lead_key FROM webhook_deliveries
         WHERE workspace_id = $1 AND id = $2`,
        [ws, deliveryId],
      );
      const first = found.rows[0];
      if (!first) return { recorded: false, disabled: false };
      // The lane, then the subscription's row, then deliveries: every writer takes them so.
      await lane.lock([{ subscriptionId: first.subscription_id, leadKey: first.lead_key }]);
      const again = await q<{ status: string; lease_token: string | null }>(
        'SELECT status, lease_token FROM webhook_deliveries WHERE seq = $1',
        [first.seq],
      );
      const row = again.rows[0];
      if (!row) return { recorded: false, disabled: false };
      await q(
        `INSERT INTO webhook_attempts (delivery_seq, at, status_code, error, latency_ms,
           response_excerpt) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          first.seq,
          result.at,
          result.statusCode,
          result.error,
          result.latencyMs,
          result.responseExcerpt,
        ],
      );
      const ok = result.outcome === 'succeeded';
      // A success takes no lock on the subscription's row unless it ends a run of failures:
      // deliveries of one subscription would queue on that row otherwise.
      type SubRow = { enabled: boolean; consecutive_failures: number };
      const sub = ok
        ? (
            await q<SubRow>(
              'SELECT enabled, consecutive_failures FROM webhook_subscriptions WHERE id = $1',
              [first.subscription_id],
            )
          ).rows[0]
        : (
            await q<SubRow>(
              `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1
               WHERE id = $1 RETURNING enabled, consecutive_failures`,
              [first.subscription_id],
            )
          ).rows[0];
      if (ok && sub && sub.consecutive_failures > 0)
        await q('UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = $1', [
          first.subscription_id,
        ]);
      const disabled =
        !ok && sub?.enabled === true && sub.consecutive_failures >= options.disableAfter;
      if (disabled) {
        await q(
          `UPDATE webhook_subscriptions SET enabled = false, disabled_reason = $1, updated_at = $2
           WHERE id = $3`,
          [options.disabledReason, result.at, first.subscription_id],
        );
      }
      const current = row.status === 'pending' && row.lease_token === claim;
      const done = result.outcome !== 'retry';
      await q(
        `UPDATE webhook_deliveries SET attempt_count = attempt_count + 1,
           last_attempt_at = $2, last_error = $3,
           retry_since = CASE WHEN $4 THEN coalesce(retry_since, $2) ELSE retry_since END,
           status = CASE WHEN $4 THEN $5 ELSE status END,
           next_attempt_at = CASE WHEN $4 THEN $6 ELSE next_attempt_at END,
           lease_until = CASE WHEN $4 THEN NULL ELSE lease_until END,
           lease_token = CASE WHEN $4 THEN NULL ELSE lease_token END
         WHERE seq = $1`,
        [
          first.seq,
          result.at,
          result.error,
          current,
          done ? result.outcome : 'pending',
          done ? null : (result.nextAttemptAt ?? result.at),
        ],
      );
      if (disabled) await lane.park(first.subscription_id, result.at);
      else if (current && done && sub?.enabled === true)
        await lane.promote(first.subscription_id, first.lead_key, result.at);
      return { recorded: true, disabled };
    },
  };
}

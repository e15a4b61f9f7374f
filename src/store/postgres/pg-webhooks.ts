// PostgreSQL: webhook subscriptions, and the outbox that notifications are written to.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { NotificationType } from '../records.js';
import type { WebhookPatch } from '../webhook-records.js';
import { newMessageId, toWebhook, type WebhookRow } from '../webhook-rows.js';
import type { Query } from './pg-db.js';
import { laneKey, lanes } from './pg-webhook-lanes.js';

type WebhookMethods = Pick<
  StoreTx,
  | 'createWebhook'
  | 'getWebhook'
  | 'listWebhooks'
  | 'updateWebhook'
  | 'deleteWebhook'
  | 'enqueueNotifications'
>;

const PATCH_COLUMNS: Record<keyof WebhookPatch, string> = {
  url: 'url',
  eventTypes: 'event_types',
  enabled: 'enabled',
  disabledReason: 'disabled_reason',
  secret: 'secret',
};

interface Planned {
  id: string;
  sub: string;
  messageId: string;
  leadKey: string;
  at: number;
}

export function webhookMethods(q: Query): WebhookMethods {
  const lane = lanes(q);
  const find = async (ws: string, id: string) =>
    (
      await q<WebhookRow>(
        'SELECT * FROM webhook_subscriptions WHERE workspace_id = $1 AND id = $2',
        [ws, id],
      )
    ).rows[0];

  return {
    async createWebhook(ws, webhook, now) {
      const { rows } = await q<WebhookRow>(
        `INSERT INTO webhook_subscriptions (id, workspace_id, url, event_types, secret, enabled,
           created_at, updated_at)
         SELECT $1, id, $3, $4::text[], $5, true, $6, $6 FROM workspaces WHERE id = $2
         RETURNING *`,
        [randomUUID(), ws, webhook.url, webhook.eventTypes, webhook.secret, now],
      );
      if (!rows[0]) throw new StoreError('not_found', `workspace ${ws} not found`);
      return toWebhook(rows[0]);
    },
    async getWebhook(ws, id) {
      const row = await find(ws, id);
      return row && toWebhook(row);
    },
    async listWebhooks(ws) {
      const { rows } = await q<WebhookRow>(
        'SELECT * FROM webhook_subscriptions WHERE workspace_id = $1 ORDER BY created_at, id',
        [ws],
      );
      return rows.map(toWebhook);
    },
    async updateWebhook(ws, id, patch, now) {
      const before = await find(ws, id);
      if (!before) throw new StoreError('not_found', `webhook ${id} not found`);
      const enabling = patch.enabled === true && !before.enabled;
      // Lanes before the subscription's row: the worker takes them in that order too.
      if (enabling) await lane.lockOf(id, 'pending');
      const full: WebhookPatch = enabling ? { ...patch, disabledReason: null } : patch;
      const keys = (Object.keys(PATCH_COLUMNS) as (keyof WebhookPatch)[]).filter(
        (k) => full[k] !== undefined,
      );
      const set = keys.map((k, i) => `${PATCH_COLUMNS[k]} = $${i + 4}`);
      if (enabling) set.push('consecutive_failures = 0');
      const { rows } = await q<WebhookRow>(
        `UPDATE webhook_subscriptions SET ${[...set, 'updated_at = $3'].join(', ')}
         WHERE workspace_id = $1 AND id = $2 RETURNING *`,
        [ws, id, now, ...keys.map((k) => full[k])],
      );
      if (enabling) {
        // A new retry period for what waited while it was disabled, and a head per lane again.
        await q(
          `UPDATE webhook_deliveries SET retry_since = NULL
           WHERE subscription_id = $1 AND status = 'pending'`,
          [id],
        );
        await lane.promoteAll(id, now);
      } else if (patch.enabled === false && before.enabled) await lane.park(id, now);
      if (!rows[0]) throw new StoreError('not_found', `webhook ${id} not found`);
      return toWebhook(rows[0]);
    },
    async deleteWebhook(ws, id) {
      const { rowCount } = await q(
        'DELETE FROM webhook_subscriptions WHERE workspace_id = $1 AND id = $2',
        [ws, id],
      );
      return (rowCount ?? 0) > 0;
    },
    async enqueueNotifications(ws, notifications) {
      if (notifications.length === 0) return;
      const { rows: subscriptions } = await q<{ id: string; event_types: NotificationType[] }>(
        'SELECT id, event_types FROM webhook_subscriptions WHERE workspace_id = $1 AND enabled',
        [ws],
      );
      if (subscriptions.length === 0) return;
      const messages: {
        id: string;
        type: string;
        leadId: string | null;
        data: string;
        at: number;
      }[] = [];
      const planned: Planned[] = [];
      for (const n of notifications) {
        const targets = subscriptions.filter((s) => s.event_types.includes(n.type));
        if (targets.length === 0) continue;
        const messageId = newMessageId();
        messages.push({
          id: messageId,
          type: n.type,
          leadId: n.leadId,
          data: JSON.stringify(n.data),
          at: n.at,
        });
        for (const target of targets)
          planned.push({
            id: randomUUID(),
            sub: target.id,
            messageId,
            leadKey: n.leadId ?? '',
            at: n.at,
          });
      }
      if (planned.length === 0) return;
      const laneList = planned.map((p) => ({ subscriptionId: p.sub, leadKey: p.leadKey }));
      await lane.lock(laneList);
      const taken = await lane.busy(laneList);
      // The first new delivery of a lane without pending ones is its head, due at once (0 sorts
      // before every retry); the rest wait behind it.
      const next = planned.map((p) => {
        const key = laneKey(p.sub, p.leadKey);
        if (taken.has(key)) return null;
        taken.add(key);
        return 0;
      });
      await q(
        `INSERT INTO webhook_messages (id, workspace_id, type, lead_id, data, at)
         SELECT id, $1, type, lead_id, data, at
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
           AS t(id, type, lead_id, data, at)`,
        [
          ws,
          messages.map((m) => m.id),
          messages.map((m) => m.type),
          messages.map((m) => m.leadId),
          messages.map((m) => m.data),
          messages.map((m) => m.at),
        ],
      );
      // In input order, so seq (the order within a lane) follows it.
      await q(
        `INSERT INTO webhook_deliveries (id, workspace_id, subscription_id, message_id, lead_key,
           status, next_attempt_at, created_at)
         SELECT id, $1, sub, msg, lk, 'pending', next, at
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
           WITH ORDINALITY AS t(id, sub, msg, lk, next, at, n)
         ORDER BY n`,
        [
          ws,
          planned.map((p) => p.id),
          planned.map((p) => p.sub),
          planned.map((p) => p.messageId),
          planned.map((p) => p.leadKey),
          next,
          planned.map((p) => p.at),
        ],
      );
    },
  };
}

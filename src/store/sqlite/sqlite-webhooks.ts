// SQLite: webhook subscriptions, and the outbox that notifications are written to.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { WebhookPatch } from '../webhook-records.js';
import { newMessageId, toWebhook, type WebhookRow } from '../webhook-rows.js';
import type { Sql } from './sqlite-db.js';
import { lanes } from './sqlite-webhook-lanes.js';

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

const patchValue = (key: keyof WebhookPatch, patch: WebhookPatch): string | number | null => {
  if (key === 'eventTypes') return JSON.stringify(patch.eventTypes);
  if (key === 'enabled') return patch.enabled ? 1 : 0;
  return patch[key] ?? null;
};

export function webhookMethods(sql: Sql): WebhookMethods {
  const lane = lanes(sql);
  const find = (ws: string, id: string) =>
    sql<WebhookRow>(
      'SELECT * FROM webhook_subscriptions WHERE workspace_id = @ws AND id = @id',
    ).get({ ws, id });

  return {
    async createWebhook(ws, webhook, now) {
      if (!sql('SELECT 1 FROM workspaces WHERE id = @ws').get({ ws }))
        throw new StoreError('not_found', `workspace ${ws} not found`);
      const id = randomUUID();
      sql(
        `INSERT INTO webhook_subscriptions (id, workspace_id, url, event_types, secret, enabled,
           created_at, updated_at) VALUES (@id, @ws, @url, @types, @secret, 1, @now, @now)`,
      ).run({
        id,
        ws,
        url: webhook.url,
        types: JSON.stringify(webhook.eventTypes),
        secret: webhook.secret,
        now,
      });
      return toWebhook(find(ws, id) as WebhookRow);
    },
    async getWebhook(ws, id) {
      const row = find(ws, id);
      return row && toWebhook(row);
    },
    async listWebhooks(ws) {
      return sql<WebhookRow>(
        'SELECT * FROM webhook_subscriptions WHERE workspace_id = @ws ORDER BY created_at, id',
      )
        .all({ ws })
        .map(toWebhook);
    },
    async updateWebhook(ws, id, patch, now) {
      const before = find(ws, id);
      if (!before) throw new StoreError('not_found', `webhook ${id} not found`);
      const enabling = patch.enabled === true && !before.enabled;
      const full: WebhookPatch = enabling ? { ...patch, disabledReason: null } : patch;
      const keys = (Object.keys(PATCH_COLUMNS) as (keyof WebhookPatch)[]).filter(
        (k) => full[k] !== undefined,
      );
      const set = keys.map((k) => `${PATCH_COLUMNS[k]} = @${k}`);
      if (enabling) set.push('consecutive_failures = 0');
      const params: Record<string, string | number | null> = { ws, id, now };
      for (const k of keys) params[k] = patchValue(k, full);
      sql(
        `UPDATE webhook_subscriptions SET ${[...set, 'updated_at = @now'].join(', ')}
         WHERE workspace_id = @ws AND id = @id`,
      ).run(params);
      if (enabling) {
        // A new retry period for what waited while it was disabled, and a head per lane again.
        sql(
          `UPDATE webhook_deliveries SET retry_since = NULL
           WHERE subscription_id = @id AND status = 'pending'`,
        ).run({ id });
        lane.promoteAll(id, now);
      } else if (patch.enabled === false && before.enabled) lane.park(id, now);
      return toWebhook(find(ws, id) as WebhookRow);
    },
    async deleteWebhook(ws, id) {
      return (
        sql('DELETE FROM webhook_subscriptions WHERE workspace_id = @ws AND id = @id').run({
          ws,
          id,
        }).changes > 0
      );
    },
    async enqueueNotifications(ws, notifications) {
      if (notifications.length === 0) return;
      const subscriptions = sql<{ id: string; event_types: string }>(
        'SELECT id, event_types FROM webhook_subscriptions WHERE workspace_id = @ws AND enabled = 1',
      ).all({ ws });
      if (subscriptions.length === 0) return;
      const wanting = subscriptions.map((s) => ({
        id: s.id,
        types: new Set(JSON.parse(s.event_types) as string[]),
      }));
      for (const n of notifications) {
        const targets = wanting.filter((s) => s.types.has(n.type));
        if (targets.length === 0) continue;
        const messageId = newMessageId();
        sql(
          `INSERT INTO webhook_messages (id, workspace_id, type, lead_id, data, at)
           VALUES (@messageId, @ws, @type, @leadId, @data, @at)`,
        ).run({
          messageId,
          ws,
          type: n.type,
          leadId: n.leadId,
          data: JSON.stringify(n.data),
          at: n.at,
        });
        const leadKey = n.leadId ?? '';
        for (const target of targets) {
          sql(
            `INSERT INTO webhook_deliveries (id, workspace_id, subscription_id, message_id,
               lead_key, status, next_attempt_at, created_at)
             VALUES (@id, @ws, @sub, @messageId, @leadKey, 'pending', @next, @at)`,
          ).run({
            id: randomUUID(),
            ws,
            sub: target.id,
            messageId,
            leadKey,
            // Due at once (0 sorts before every retry) unless it waits behind the lane's head.
            next: lane.busy(target.id, leadKey) ? null : 0,
            at: n.at,
          });
        }
      }
    },
  };
}

// Webhook subscriptions, and the outbox that notifications are written to.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { WebhookPatch } from '../webhook-records.js';
import {
  newMessageId,
  readEventTypes,
  toWebhook,
  WEBHOOK_COLUMNS,
  type WebhookRow,
} from '../webhook-rows.js';
import type { Column, SqlDb, SqlParams } from './sql-db.js';
import { NO_WORKSPACE, type WorkspaceKeys } from './workspace-keys.js';
import { one } from './sql-db.js';
import { laneKey, lanes } from './webhook-lanes.js';

type SubscriptionMethods = Pick<
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

interface Message {
  id: string;
  type: string;
  leadId: string | null;
  data: string;
  at: number;
}

interface Planned {
  id: string;
  sub: string;
  messageId: string;
  leadKey: string;
  /** Due at once (0 sorts before every retry) for a lane's head, NULL behind it. */
  next: number | null;
  at: number;
}

const MESSAGE_COLUMNS: Column<Message>[] = [
  { name: 'id', type: 'text', value: (m) => m.id },
  { name: 'type', type: 'text', value: (m) => m.type },
  { name: 'lead_id', type: 'text', value: (m) => m.leadId },
  { name: 'data', type: 'text', value: (m) => m.data },
  { name: 'at', type: 'bigint', value: (m) => m.at },
];

const DELIVERY_COLUMNS: Column<Planned>[] = [
  { name: 'id', type: 'text', value: (p) => p.id },
  { name: 'subscription_id', type: 'text', value: (p) => p.sub },
  { name: 'message_id', type: 'text', value: (p) => p.messageId },
  { name: 'lead_key', type: 'text', value: (p) => p.leadKey },
  { name: 'next_attempt_at', type: 'bigint', value: (p) => p.next },
  { name: 'created_at', type: 'bigint', value: (p) => p.at },
];

/**
 * Changes a subscription (a webhook or a channel's queue). Enabling one that was disabled clears
 * its reason and failure run and gives its pending deliveries a new retry period starting now;
 * disabling takes its lanes' heads out of the due index. Undefined when the row went away.
 */
export async function patchSubscription(
  db: SqlDb,
  ws: number,
  before: { id: string; enabled: number | boolean },
  patch: WebhookPatch,
  now: number,
): Promise<WebhookRow | undefined> {
  const lane = lanes(db);
  const { id } = before;
  const enabling = patch.enabled === true && !before.enabled;
  // Lanes before the subscription's row: the worker takes them in that order too.
  if (enabling) await lane.lockOf(id, 'pending');
  const full: WebhookPatch = enabling ? { ...patch, disabledReason: null } : patch;
  const keys = (Object.keys(PATCH_COLUMNS) as (keyof WebhookPatch)[]).filter(
    (k) => full[k] !== undefined,
  );
  const set = keys.map((k) => `${PATCH_COLUMNS[k]} = :${k}`);
  if (enabling) set.push('consecutive_failures = 0');
  const params: Record<string, SqlParams[string]> = { ws, id, now };
  for (const k of keys) params[k] = full[k] ?? null;
  const row = await db.get<WebhookRow>(
    `UPDATE webhook_subscriptions SET ${[...set, 'updated_at = :now'].join(', ')}
     WHERE ws = :ws AND id = :id RETURNING ${WEBHOOK_COLUMNS}`,
    params,
  );
  if (enabling) {
    // A new retry period for what waited while it was disabled, and a head per lane again.
    await db.run(
      `UPDATE webhook_deliveries SET retry_since = NULL
       WHERE subscription_id = :id AND status = 'pending'`,
      { id },
    );
    await lane.promoteAll(id, now);
  } else if (patch.enabled === false && before.enabled) await lane.park(id, now);
  return row;
}

export function webhookMethods(db: SqlDb, wsKeys: WorkspaceKeys): SubscriptionMethods {
  const lane = lanes(db);
  const find = (ws: number, id: string) =>
    db.get<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhook_subscriptions
       WHERE ws = :ws AND id = :id AND channel_id IS NULL`,
      { ws, id },
    );

  return {
    async createWebhook(wsId, webhook, now) {
      const ws = await wsKeys.of(wsId);
      if (ws === NO_WORKSPACE) throw new StoreError('not_found', `workspace ${wsId} not found`);
      // event_types: a list parameter, which SQLite stores as its JSON text and PostgreSQL as
      // the column's text[].
      const row = await db.get<WebhookRow>(
        `INSERT INTO webhook_subscriptions (id, ws, url, event_types, secret, enabled,
           created_at, updated_at) VALUES (:id, :ws, :url, :types, :secret, TRUE, :now, :now)
         RETURNING ${WEBHOOK_COLUMNS}`,
        {
          id: randomUUID(),
          ws,
          url: webhook.url,
          types: webhook.eventTypes,
          secret: webhook.secret,
          now,
        },
      );
      return toWebhook(one(row));
    },
    async getWebhook(wsId, id) {
      const ws = await wsKeys.of(wsId);
      const row = await find(ws, id);
      return row && toWebhook(row);
    },
    async listWebhooks(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<WebhookRow>(
        `SELECT ${WEBHOOK_COLUMNS} FROM webhook_subscriptions
         WHERE ws = :ws AND channel_id IS NULL ORDER BY created_at, id`,
        { ws },
      );
      return rows.map(toWebhook);
    },
    async updateWebhook(wsId, id, patch, now) {
      const ws = await wsKeys.of(wsId);
      const before = await find(ws, id);
      if (!before) throw new StoreError('not_found', `webhook ${id} not found`);
      const row = await patchSubscription(db, ws, before, patch, now);
      if (!row) throw new StoreError('not_found', `webhook ${id} not found`);
      return toWebhook(row);
    },
    async deleteWebhook(wsId, id) {
      const ws = await wsKeys.of(wsId);
      const changed = await db.run(
        'DELETE FROM webhook_subscriptions WHERE ws = :ws AND id = :id AND channel_id IS NULL',
        { ws, id },
      );
      return changed > 0;
    },
    async enqueueNotifications(wsId, notifications) {
      const ws = await wsKeys.of(wsId);
      if (notifications.length === 0) return;
      const subscriptions = (
        await db.all<{
          id: string;
          event_types: WebhookRow['event_types'];
          channel_id: string | null;
          enabled: number | boolean;
        }>(
          `SELECT id, event_types, channel_id, enabled FROM webhook_subscriptions
           WHERE ws = :ws AND (enabled = TRUE OR channel_id IS NOT NULL)`,
          { ws },
        )
      ).map((s) => ({
        id: s.id,
        channelId: s.channel_id,
        enabled: Boolean(s.enabled),
        types: new Set<string>(readEventTypes(s.event_types)),
      }));
      if (subscriptions.length === 0) return;
      const messages: Message[] = [];
      const planned: (Planned & { coalesce: boolean })[] = [];
      for (const n of notifications) {
        // A message for one channel goes to its queue only (even when that channel is disabled
        // it is kept: the queue waits until it is enabled again).
        const targets =
          n.channelId === undefined
            ? subscriptions.filter((s) => s.enabled && s.types.has(n.type))
            : subscriptions.filter((s) => s.channelId === n.channelId);
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
            next: null,
            at: n.at,
            coalesce: n.type === 'lead.changed' && n.leadId !== null,
          });
      }
      if (planned.length === 0) return;
      const laneList = planned.map((p) => ({ subscriptionId: p.sub, leadKey: p.leadKey }));
      await lane.lock(laneList);
      const taken = await lane.busy(laneList);
      // lead.changed is sent with the lead's state when it goes out: a pending one no worker
      // holds yet will carry this change too, and so will one planned just before in this call.
      const waiting = await lane.unclaimed(laneList.filter((_, i) => planned[i]!.coalesce));
      const kept = planned.filter((p) => {
        if (!p.coalesce) return true;
        const key = laneKey(p.sub, p.leadKey);
        if (waiting.has(key)) return false;
        waiting.add(key);
        return true;
      });
      const used = new Set(kept.map((p) => p.messageId));
      messages.splice(0, messages.length, ...messages.filter((m) => used.has(m.id)));
      planned.splice(0, planned.length, ...kept);
      // The first new delivery of a lane without pending ones is its head, due at once; the rest
      // wait behind it.
      const parked = new Set(subscriptions.filter((s) => !s.enabled).map((s) => s.id));
      for (const p of planned) {
        const key = laneKey(p.sub, p.leadKey);
        // A disabled queue's lanes get their heads when it is enabled again (promoteAll).
        if (taken.has(key) || parked.has(p.sub)) continue;
        taken.add(key);
        p.next = 0;
      }
      await db.insertMany({
        table: 'webhook_messages',
        fixed: { ws },
        columns: MESSAGE_COLUMNS,
        rows: messages,
      });
      // In input order, so seq (the order within a lane) follows it.
      await db.insertMany({
        table: 'webhook_deliveries',
        fixed: { ws, status: 'pending' },
        columns: DELIVERY_COLUMNS,
        rows: planned,
      });
    },
  };
}

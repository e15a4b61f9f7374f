// Channels and the daily digest's records. A channel's row holds its settings; its delivery
// queue is a webhook_subscriptions row with channel_id set, whose enabled flag, disabled reason
// and failure run are the channel's (so the webhook worker's rules apply to it unchanged).
import { randomUUID } from 'node:crypto';
import type { ChannelMethods } from '../channel-port.js';
import type { Channel, ChannelKind, DigestSettings } from '../channel-records.js';
import { StoreError } from '../errors.js';
import type { SqlDb, SqlValue } from './sql-db.js';
import { one } from './sql-db.js';
import { patchSubscription } from './webhooks.js';
import { NO_WORKSPACE, type WorkspaceKeys } from './workspace-keys.js';

interface ChannelRow {
  id: string;
  workspace_id: string;
  kind: ChannelKind;
  name: string;
  config: string;
  secrets: string;
  sync: string | null;
  created_by: string | null;
  created_at: number | string;
  updated_at: number | string;
  subscription_id: string;
  enabled: number | boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
}

const COLUMNS = `c.id, c.kind, c.name, c.config, c.secrets, c.sync, c.created_by, c.created_at,
  c.updated_at, s.id AS subscription_id, s.enabled, s.disabled_reason, s.consecutive_failures,
  (SELECT w.id FROM workspaces w WHERE w.ws = c.ws) AS workspace_id`;
const FROM = 'FROM channels c JOIN webhook_subscriptions s ON s.channel_id = c.id';

/** What a channel's queue receives without being named: lead.changed while it syncs. */
const eventTypes = (sync: unknown): string[] => (sync === null ? [] : ['lead.changed']);

const toChannel = (r: ChannelRow): Channel => ({
  id: r.id,
  workspaceId: r.workspace_id,
  kind: r.kind,
  name: r.name,
  config: JSON.parse(r.config) as Record<string, unknown>,
  secrets: r.secrets,
  sync: r.sync === null ? null : (JSON.parse(r.sync) as Record<string, unknown>),
  createdBy: r.created_by,
  subscriptionId: r.subscription_id,
  enabled: Boolean(r.enabled),
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

interface DigestRow {
  channel_ids: string;
  hour: number | null;
  time_zone: string;
  waiting_hours: number;
  updated_at: number | string;
}

const toDigest = (r: DigestRow): DigestSettings => ({
  channelIds: JSON.parse(r.channel_ids) as string[],
  hour: r.hour === null ? null : Number(r.hour),
  timeZone: r.time_zone,
  waitingHours: Number(r.waiting_hours),
});

export function channelMethods(db: SqlDb, wsKeys: WorkspaceKeys): ChannelMethods {
  const find = async (ws: number, id: string) => {
    const row = await db.get<ChannelRow>(
      `SELECT ${COLUMNS} ${FROM} WHERE c.ws = :ws AND c.id = :id`,
      {
        ws,
        id,
      },
    );
    return row && toChannel(row);
  };
  const nameTaken = async (ws: number, name: string, except: string) =>
    (await db.get<{ id: string }>(
      'SELECT id FROM channels WHERE ws = :ws AND name = :name AND id <> :except',
      { ws, name, except },
    )) !== undefined;

  return {
    async createChannel(wsId, channel, now) {
      const ws = await wsKeys.of(wsId);
      if (ws === NO_WORKSPACE) throw new StoreError('not_found', `workspace ${wsId} not found`);
      // A check first keeps a PostgreSQL transaction usable after a taken name.
      if (await nameTaken(ws, channel.name, ''))
        throw new StoreError('conflict', `a channel named "${channel.name}" exists`);
      const id = randomUUID();
      await db.run(
        `INSERT INTO channels (id, ws, kind, name, config, secrets, sync, created_by, created_at,
           updated_at)
         VALUES (:id, :ws, :kind, :name, :config, :secrets, :sync, :createdBy, :now, :now)`,
        {
          id,
          ws,
          kind: channel.kind,
          name: channel.name,
          config: JSON.stringify(channel.config),
          secrets: channel.secrets,
          sync: channel.sync === null ? null : JSON.stringify(channel.sync),
          createdBy: channel.createdBy,
          now,
        },
      );
      await db.run(
        `INSERT INTO webhook_subscriptions (id, ws, url, event_types, secret, enabled, created_at,
           updated_at, channel_id)
         VALUES (:sub, :ws, :url, :types, '', TRUE, :now, :now, :id)`,
        {
          sub: randomUUID(),
          ws,
          url: `channel:${channel.kind}`,
          types: eventTypes(channel.sync),
          now,
          id,
        },
      );
      return one(await find(ws, id));
    },
    async getChannel(wsId, id) {
      return find(await wsKeys.of(wsId), id);
    },
    async listChannels(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<ChannelRow>(
        `SELECT ${COLUMNS} ${FROM} WHERE c.ws = :ws ORDER BY c.created_at, c.id`,
        { ws },
      );
      return rows.map(toChannel);
    },
    async updateChannel(wsId, id, patch, now) {
      const ws = await wsKeys.of(wsId);
      const before = await find(ws, id);
      if (!before) throw new StoreError('not_found', `channel ${id} not found`);
      if (patch.name !== undefined && (await nameTaken(ws, patch.name, id)))
        throw new StoreError('conflict', `a channel named "${patch.name}" exists`);
      const sets: string[] = ['updated_at = :now'];
      const params: Record<string, SqlValue> = { ws, id, now };
      if (patch.name !== undefined) {
        sets.push('name = :name');
        params.name = patch.name;
      }
      if (patch.config !== undefined) {
        sets.push('config = :config');
        params.config = JSON.stringify(patch.config);
      }
      if (patch.secrets !== undefined) {
        sets.push('secrets = :secrets');
        params.secrets = patch.secrets;
      }
      if (patch.sync !== undefined) {
        sets.push('sync = :sync');
        params.sync = patch.sync === null ? null : JSON.stringify(patch.sync);
      }
      await db.run(`UPDATE channels SET ${sets.join(', ')} WHERE ws = :ws AND id = :id`, params);
      const queue = {
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.disabledReason !== undefined ? { disabledReason: patch.disabledReason } : {}),
        ...(patch.sync !== undefined ? { eventTypes: eventTypes(patch.sync) as never[] } : {}),
      };
      await patchSubscription(
        db,
        ws,
        { id: before.subscriptionId, enabled: before.enabled },
        queue,
        now,
      );
      return one(await find(ws, id));
    },
    async deleteChannel(wsId, id) {
      const ws = await wsKeys.of(wsId);
      // The queue first: its deliveries and attempts go with it (ON DELETE CASCADE).
      await db.run('DELETE FROM webhook_subscriptions WHERE ws = :ws AND channel_id = :id', {
        ws,
        id,
      });
      return (await db.run('DELETE FROM channels WHERE ws = :ws AND id = :id', { ws, id })) > 0;
    },

    async getDigestSettings(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<DigestRow>(
        `SELECT channel_ids, hour, time_zone, waiting_hours, updated_at FROM digest_settings
         WHERE ws = :ws`,
        { ws },
      );
      return row && { ...toDigest(row), updatedAt: Number(row.updated_at) };
    },
    async putDigestSettings(wsId, settings, now) {
      const ws = await wsKeys.of(wsId);
      if (ws === NO_WORKSPACE) throw new StoreError('not_found', `workspace ${wsId} not found`);
      await db.run(
        `INSERT INTO digest_settings (ws, channel_ids, hour, time_zone, waiting_hours, updated_at)
         VALUES (:ws, :channelIds, :hour, :timeZone, :waitingHours, :now)
         ON CONFLICT (ws) DO UPDATE SET channel_ids = excluded.channel_ids,
           hour = excluded.hour, time_zone = excluded.time_zone,
           waiting_hours = excluded.waiting_hours, updated_at = excluded.updated_at`,
        {
          ws,
          channelIds: JSON.stringify(settings.channelIds),
          hour: settings.hour,
          timeZone: settings.timeZone,
          waitingHours: settings.waitingHours,
          now,
        },
      );
    },
    async listDigestSettings() {
      const rows = await db.all<DigestRow & { workspace_id: string }>(
        `SELECT w.id AS workspace_id, d.channel_ids, d.hour, d.time_zone, d.waiting_hours,
           d.updated_at
         FROM digest_settings d JOIN workspaces w ON w.ws = d.ws
         WHERE d.hour IS NOT NULL ORDER BY w.id`,
      );
      return rows.map((r) => ({ ...toDigest(r), workspaceId: r.workspace_id }));
    },
    async claimDigestSend(wsId, owner, day, now) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ owner: string }>(
        `INSERT INTO digest_sends (ws, owner, day, at) VALUES (:ws, :owner, :day, :now)
         ON CONFLICT DO NOTHING RETURNING owner`,
        { ws, owner, day, now },
      );
      return row !== undefined;
    },
  };
}

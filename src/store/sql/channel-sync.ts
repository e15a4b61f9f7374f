// A sync channel's batch claim and what each channel last wrote for each lead
// (channel_sync_state, migration 023).
import { randomUUID } from 'node:crypto';
import type { ChannelSyncMethods, ChannelSyncState } from '../channel-sync-port.js';
import { toClaimed, type ClaimRow } from '../webhook-rows.js';
import type { Column, SqlDb } from './sql-db.js';
import { claimStatement } from './webhook-deliveries.js';
import type { WorkspaceKeys } from './workspace-keys.js';

type State = { leadId: string } & ChannelSyncState;

const STATE_COLUMNS: Column<State>[] = [
  { name: 'lead_id', type: 'text', value: (s) => s.leadId },
  { name: 'hash', type: 'text', value: (s) => s.hash },
  { name: 'remote_id', type: 'text', value: (s) => s.remoteId },
];

export function channelSyncMethods(db: SqlDb, wsKeys: WorkspaceKeys): ChannelSyncMethods {
  const claimSql = claimStatement(db, true);
  return {
    async claimChannelDeliveries(wsId, channelId, { now, limit, leaseMs }) {
      const ws = await wsKeys.of(wsId);
      const sub = await db.get<{ id: string }>(
        'SELECT id FROM webhook_subscriptions WHERE ws = :ws AND channel_id = :channelId',
        { ws, channelId },
      );
      if (!sub || limit <= 0) return [];
      const claim = randomUUID();
      const rows = await db.all<ClaimRow & { seq: number; next_attempt_at: number }>(claimSql, {
        now,
        limit,
        until: now + leaseMs,
        claim,
        sub: sub.id,
      });
      rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.seq - b.seq);
      return rows.map((row) => toClaimed(row, claim));
    },
    async getChannelSyncStates(wsId, channelId, leadIds) {
      const ws = await wsKeys.of(wsId);
      if (leadIds.length === 0) return new Map();
      const rows = await db.all<{ lead_id: string; hash: string; remote_id: string | null }>(
        `SELECT lead_id, hash, remote_id FROM channel_sync_state
         WHERE ws = :ws AND channel_id = :channelId AND lead_id ${db.dialect.inList('ids')}`,
        { ws, channelId, ids: [...new Set(leadIds)] },
      );
      return new Map(rows.map((r) => [r.lead_id, { hash: r.hash, remoteId: r.remote_id }]));
    },
    async putChannelSyncStates(wsId, channelId, states, now) {
      const ws = await wsKeys.of(wsId);
      const last = new Map(states.map((s) => [s.leadId, s]));
      if (last.size === 0) return;
      await db.insertMany({
        table: 'channel_sync_state',
        fixed: { ws, channel_id: channelId, at: now },
        columns: STATE_COLUMNS,
        rows: [...last.values()],
        conflict: `ON CONFLICT (ws, channel_id, lead_id) DO UPDATE SET hash = excluded.hash,
          remote_id = coalesce(excluded.remote_id, channel_sync_state.remote_id), at = excluded.at`,
      });
    },
    async clearChannelSyncStates(wsId, channelId) {
      const ws = await wsKeys.of(wsId);
      await db.run('DELETE FROM channel_sync_state WHERE ws = :ws AND channel_id = :channelId', {
        ws,
        channelId,
      });
    },
  };
}

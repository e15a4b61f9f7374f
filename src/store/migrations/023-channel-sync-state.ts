// Migration 023: what each write-back channel last wrote for each lead (a hash of the visible
// values, and the record's id in the destination when it answered one), so a lead.changed whose
// visible state is what the destination already has is marked done without a call; and the
// index a sync channel's batch claim reads.
import type { Migration } from '../migration.js';

const table = (text: string, time: string) => `
CREATE TABLE channel_sync_state (
  ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE,
  channel_id ${text} NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  lead_id ${text} NOT NULL,
  -- sha256 of the values written (score rounded, grade, segment, stage, owner, field names).
  hash ${text} NOT NULL,
  -- The record's id in the destination (a HubSpot contact id, a Salesforce Id), when known.
  remote_id ${text},
  at ${time} NOT NULL,
  PRIMARY KEY (ws, channel_id, lead_id)
);
CREATE INDEX channel_sync_state_channel ON channel_sync_state (channel_id);
-- A sync channel's send takes more of its own due deliveries (claimChannelDeliveries).
CREATE INDEX webhook_deliveries_subscription_due ON webhook_deliveries
  (subscription_id, next_attempt_at, seq) WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
`;

export const channelSyncState: Migration = {
  id: '023-channel-sync-state',
  sql: {
    sqlite: table('TEXT', 'INTEGER'),
    postgres: table('TEXT COLLATE "C"', 'BIGINT'),
  },
};

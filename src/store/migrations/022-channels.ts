// Migration 022: channels. A channel is somewhere scores are delivered: an SMTP server, a Slack
// incoming webhook, a Segment-compatible API, HubSpot or Salesforce. Each has one row in
// webhook_subscriptions (channel_id set) that is its delivery queue, so channel messages go
// through the same outbox, lanes, retries and delivery log as webhooks. The daily digest keeps
// its settings per workspace and one row per (owner, day) sent, which is how several servers
// send it once.
import type { Migration } from '../migration.js';

interface Types {
  text: string;
  time: string;
  int: string;
}

const WS = 'ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE';

const tables = (t: Types) => `
CREATE TABLE channels (
  id ${t.text} PRIMARY KEY,
  ${WS},
  kind ${t.text} NOT NULL
    CHECK (kind IN ('email', 'slack', 'segment', 'hubspot', 'salesforce')),
  name ${t.text} NOT NULL,
  -- JSON: the settings that are not secret, as validated for the kind.
  config TEXT NOT NULL,
  -- The secret settings as one JSON object, sealed by the service (service/secret-box.ts).
  secrets TEXT NOT NULL,
  -- JSON: write-back settings (segment, hubspot, salesforce); NULL when it does not sync.
  sync TEXT,
  created_by ${t.text},
  created_at ${t.time} NOT NULL,
  updated_at ${t.time} NOT NULL,
  UNIQUE (ws, name)
);

ALTER TABLE webhook_subscriptions ADD COLUMN channel_id ${t.text}
  REFERENCES channels(id) ON DELETE CASCADE;
CREATE UNIQUE INDEX webhook_subscriptions_channel ON webhook_subscriptions (channel_id)
  WHERE channel_id IS NOT NULL;

CREATE TABLE digest_settings (
  ${WS} PRIMARY KEY,
  -- JSON array of channel ids the digest goes to (e-mail to each owner, Slack to the channel).
  channel_ids TEXT NOT NULL,
  -- 0-23 in time_zone; NULL: the digest is off.
  hour ${t.int},
  time_zone ${t.text} NOT NULL,
  -- A hand-over waiting for acceptance this many hours or more is listed as waiting.
  waiting_hours ${t.int} NOT NULL,
  updated_at ${t.time} NOT NULL
);

CREATE TABLE digest_sends (
  ${WS},
  owner ${t.text} NOT NULL,
  -- The owner's day in the workspace's time zone, YYYY-MM-DD.
  day ${t.text} NOT NULL,
  at ${t.time} NOT NULL,
  PRIMARY KEY (ws, owner, day)
);
`;

export const channels: Migration = {
  id: '022-channels',
  sql: {
    sqlite: tables({ text: 'TEXT', time: 'INTEGER', int: 'INTEGER' }),
    postgres: tables({ text: 'TEXT COLLATE "C"', time: 'BIGINT', int: 'INTEGER' }),
  },
};

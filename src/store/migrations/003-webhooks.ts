// Migration 003: webhooks. Subscriptions, the outbox of messages (written in the transaction of the
// change they tell of), one delivery per message and subscription, and a record of every attempt.
import type { Migration } from '../migration.js';

export const webhooks: Migration = {
  id: '003-webhooks',
  previousIds: { postgres: '002-webhooks' },
  sql: {
    sqlite: `
CREATE TABLE webhook_subscriptions (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  -- A JSON array of notification types.
  event_types TEXT NOT NULL,
  secret TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  disabled_reason TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- Ingestion looks up a workspace's enabled subscriptions on every visible change.
CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (workspace_id, enabled);

CREATE TABLE webhook_messages (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  lead_id TEXT,
  data TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX webhook_messages_workspace ON webhook_messages (workspace_id);

CREATE TABLE webhook_deliveries (
  -- Enqueue order: within a lane (subscription, lead) deliveries go out in this order.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES webhook_messages(id) ON DELETE CASCADE,
  -- The lead id, '' for a message about no lead (those keep their order among themselves).
  lead_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempt_count INTEGER NOT NULL DEFAULT 0,
  -- Set on the head of a lane only: the others wait (NULL) until it is done.
  next_attempt_at INTEGER,
  retry_since INTEGER,
  lease_until INTEGER,
  lease_token TEXT,
  last_error TEXT,
  last_attempt_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, seq)
  WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_lane ON webhook_deliveries (subscription_id, lead_key, seq)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, seq);
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id);

CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_seq INTEGER NOT NULL REFERENCES webhook_deliveries(seq) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  status_code INTEGER,
  error TEXT,
  latency_ms INTEGER NOT NULL,
  response_excerpt TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_seq, id);
`,
    postgres: `
CREATE TABLE webhook_subscriptions (
  id TEXT COLLATE "C" PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  event_types TEXT[] NOT NULL,
  secret TEXT NOT NULL,
  enabled BOOLEAN NOT NULL,
  disabled_reason TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Ingestion looks up a workspace's enabled subscriptions on every visible change.
CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (workspace_id, enabled);

CREATE TABLE webhook_messages (
  id TEXT COLLATE "C" PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  type TEXT COLLATE "C" NOT NULL,
  lead_id TEXT COLLATE "C",
  -- Text, not jsonb: the data goes out exactly as it was given.
  data TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX webhook_messages_workspace ON webhook_messages (workspace_id);

CREATE TABLE webhook_deliveries (
  -- Enqueue order: within a lane (subscription, lead) deliveries go out in this order.
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT COLLATE "C" NOT NULL UNIQUE,
  workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  subscription_id TEXT COLLATE "C" NOT NULL
    REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  message_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_messages(id) ON DELETE CASCADE,
  -- The lead id, '' for a message about no lead (those keep their order among themselves).
  lead_key TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempt_count INTEGER NOT NULL DEFAULT 0,
  -- Set on the head of a lane only: the others wait (NULL) until it is done.
  next_attempt_at BIGINT,
  retry_since BIGINT,
  lease_until BIGINT,
  lease_token TEXT COLLATE "C",
  last_error TEXT,
  last_attempt_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, seq)
  WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_lane ON webhook_deliveries (subscription_id, lead_key, seq)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, seq);
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id);

CREATE TABLE webhook_attempts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_seq BIGINT NOT NULL REFERENCES webhook_deliveries(seq) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  status_code INTEGER,
  error TEXT,
  latency_ms INTEGER NOT NULL,
  response_excerpt TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_seq, id);
`,
  },
};

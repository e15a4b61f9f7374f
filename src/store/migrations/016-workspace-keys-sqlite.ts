// Migration 016 on SQLite: every table rebuilt with the integer workspace key `ws`, the documented
// way (https://www.sqlite.org/lang_altertable.html#otheralter): new table, rows copied in one
// statement, old table dropped, new one renamed, indexes made again. The runner turns foreign keys
// off around the transaction and checks them before it commits (sqlite-migrate.ts).

interface Rebuild {
  table: string;
  /** The columns after `ws`, as the new table defines them. */
  body: string;
  /** The columns copied as they are (all but `ws`). */
  copied: string;
  /** A table with an AUTOINCREMENT key: its sequence carries over, so no key is handed out twice. */
  autoincrement?: boolean;
  withoutRowid?: boolean;
  indexes?: string;
}

const WS = 'ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE';

const rebuilds: Rebuild[] = [
  {
    table: 'api_keys',
    body: `id TEXT PRIMARY KEY, ${WS},
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'write')), hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL, label TEXT, rate_limit_per_minute INTEGER, created_at INTEGER NOT NULL,
  revoked_at INTEGER`,
    copied: 'id, kind, hash, prefix, label, rate_limit_per_minute, created_at, revoked_at',
    indexes: 'CREATE INDEX api_keys_workspace ON api_keys (ws);',
  },
  {
    table: 'companies',
    body: `${WS}, id TEXT NOT NULL, traits TEXT NOT NULL, created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, PRIMARY KEY (ws, id)`,
    copied: 'id, traits, created_at, updated_at',
    withoutRowid: true,
  },
  {
    table: 'leads',
    body: `${WS}, id TEXT NOT NULL, traits TEXT NOT NULL,
  -- Not a foreign key: a group call may name a company before its traits arrive.
  company_id TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (ws, id)`,
    copied: 'id, traits, company_id, created_at, updated_at',
    withoutRowid: true,
    indexes: `CREATE INDEX leads_updated ON leads (ws, updated_at, id);
CREATE INDEX leads_company ON leads (ws, company_id) WHERE company_id IS NOT NULL;`,
  },
  {
    table: 'identities',
    body: `${WS}, anonymous_id TEXT NOT NULL, lead_id TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (ws, anonymous_id)`,
    copied: 'anonymous_id, lead_id, created_at',
    withoutRowid: true,
    indexes: 'CREATE INDEX identities_lead ON identities (ws, lead_id);',
  },
  {
    table: 'events',
    body: `seq INTEGER PRIMARY KEY AUTOINCREMENT, ${WS}, message_id TEXT NOT NULL,
  -- Not a foreign key: events may name a lead before (or without) its identify call.
  lead_id TEXT, anonymous_id TEXT, type TEXT NOT NULL, name TEXT NOT NULL, time INTEGER NOT NULL,
  received_at INTEGER NOT NULL, payload TEXT NOT NULL, UNIQUE (ws, message_id)`,
    copied: 'seq, message_id, lead_id, anonymous_id, type, name, time, received_at, payload',
    autoincrement: true,
    indexes: `CREATE INDEX events_lead ON events (ws, lead_id, time, seq);
CREATE INDEX events_anonymous ON events (ws, anonymous_id) WHERE lead_id IS NULL;`,
  },
  {
    table: 'lead_scores',
    // A rowid table (see 002): the state overflows a WITHOUT ROWID page.
    body: `${WS}, lead_id TEXT NOT NULL, model_version INTEGER NOT NULL, state TEXT NOT NULL,
  score REAL NOT NULL, fit REAL NOT NULL, engagement REAL NOT NULL, grade TEXT,
  segment TEXT NOT NULL, stage TEXT NOT NULL, categories TEXT NOT NULL,
  scored_at INTEGER NOT NULL, last_event_time INTEGER, updated_at INTEGER NOT NULL,
  due_at INTEGER, PRIMARY KEY (ws, lead_id)`,
    copied: `lead_id, model_version, state, score, fit, engagement, grade, segment, stage,
  categories, scored_at, last_event_time, updated_at, due_at`,
    indexes: `CREATE INDEX lead_scores_score ON lead_scores (ws, score, lead_id);
CREATE INDEX lead_scores_due ON lead_scores (due_at) WHERE due_at IS NOT NULL;`,
  },
  {
    table: 'score_history',
    body: `id INTEGER PRIMARY KEY AUTOINCREMENT, ${WS}, lead_id TEXT NOT NULL,
  at INTEGER NOT NULL, cause TEXT NOT NULL, cause_ref TEXT, model_version INTEGER NOT NULL,
  score REAL NOT NULL, grade TEXT, segment TEXT NOT NULL, stage TEXT NOT NULL, previous TEXT`,
    copied: `id, lead_id, at, cause, cause_ref, model_version, score, grade, segment, stage,
  previous`,
    autoincrement: true,
    indexes: 'CREATE INDEX score_history_lead ON score_history (ws, lead_id, at, id);',
  },
  {
    table: 'models',
    body: `${WS}, version INTEGER NOT NULL, spec TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (ws, version)`,
    copied: 'version, spec, created_at',
  },
  {
    table: 'active_models',
    body: `ws INTEGER PRIMARY KEY REFERENCES workspaces(ws) ON DELETE CASCADE,
  version INTEGER NOT NULL, activated_at INTEGER NOT NULL,
  FOREIGN KEY (ws, version) REFERENCES models (ws, version)`,
    copied: 'version, activated_at',
  },
  {
    table: 'jobs',
    body: `id TEXT PRIMARY KEY, ${WS}, kind TEXT NOT NULL, status TEXT NOT NULL,
  progress INTEGER NOT NULL, total INTEGER NOT NULL, error TEXT, created_at INTEGER NOT NULL,
  started_at INTEGER, finished_at INTEGER, lease_owner TEXT, lease_until INTEGER`,
    copied: `id, kind, status, progress, total, error, created_at, started_at, finished_at,
  lease_owner, lease_until`,
    indexes: 'CREATE INDEX jobs_workspace ON jobs (ws, created_at);',
  },
  {
    table: 'webhook_subscriptions',
    body: `id TEXT PRIMARY KEY, ${WS}, url TEXT NOT NULL,
  -- A JSON array of notification types.
  event_types TEXT NOT NULL, secret TEXT NOT NULL, enabled INTEGER NOT NULL,
  disabled_reason TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL`,
    copied: `id, url, event_types, secret, enabled, disabled_reason, consecutive_failures,
  created_at, updated_at`,
    indexes: `CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (ws, enabled);`,
  },
  {
    table: 'webhook_messages',
    body: `id TEXT PRIMARY KEY, ${WS}, type TEXT NOT NULL, lead_id TEXT, data TEXT NOT NULL,
  at INTEGER NOT NULL`,
    copied: 'id, type, lead_id, data, at',
    indexes: `CREATE INDEX webhook_messages_workspace ON webhook_messages (ws);
CREATE INDEX webhook_messages_lead ON webhook_messages (ws, lead_id);
CREATE INDEX webhook_messages_at ON webhook_messages (at);`,
  },
  {
    table: 'webhook_deliveries',
    body: `seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ${WS},
  subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES webhook_messages(id) ON DELETE CASCADE,
  lead_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempt_count INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, retry_since INTEGER,
  lease_until INTEGER, lease_token TEXT, last_error TEXT, last_attempt_at INTEGER,
  created_at INTEGER NOT NULL`,
    copied: `seq, id, subscription_id, message_id, lead_key, status, attempt_count,
  next_attempt_at, retry_since, lease_until, lease_token, last_error, last_attempt_at, created_at`,
    autoincrement: true,
    indexes: `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, seq)
  WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_lane ON webhook_deliveries (subscription_id, lead_key, seq)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, seq);
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id);`,
  },
  {
    table: 'lead_routing',
    body: `${WS}, lead_id TEXT NOT NULL, owner TEXT, tags TEXT NOT NULL DEFAULT '[]',
  updated_at INTEGER NOT NULL, PRIMARY KEY (ws, lead_id)`,
    copied: 'lead_id, owner, tags, updated_at',
    indexes: 'CREATE INDEX lead_routing_owner ON lead_routing (ws, owner);',
  },
  {
    table: 'lead_once',
    body: `${WS}, lead_id TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (ws, lead_id, key)`,
    copied: 'lead_id, key, at',
    withoutRowid: true,
  },
  {
    table: 'round_robin',
    body: `${WS}, key TEXT NOT NULL, turns INTEGER NOT NULL, PRIMARY KEY (ws, key)`,
    copied: 'key, turns',
    withoutRowid: true,
  },
  {
    table: 'lead_lifecycle',
    body: `${WS}, lead_id TEXT NOT NULL, stage TEXT NOT NULL, since INTEGER NOT NULL,
  handover_segment TEXT, handover_at INTEGER, PRIMARY KEY (ws, lead_id)`,
    copied: 'lead_id, stage, since, handover_segment, handover_at',
    withoutRowid: true,
  },
  {
    table: 'lifecycle_history',
    body: `seq INTEGER PRIMARY KEY AUTOINCREMENT, ${WS}, lead_id TEXT NOT NULL,
  kind TEXT NOT NULL, from_stage TEXT NOT NULL, to_stage TEXT NOT NULL, reason TEXT,
  cause TEXT NOT NULL, cause_ref TEXT, actor TEXT, value REAL, currency TEXT, at INTEGER NOT NULL,
  handover_segment TEXT, handover_at INTEGER`,
    copied: `seq, lead_id, kind, from_stage, to_stage, reason, cause, cause_ref, actor, value,
  currency, at, handover_segment, handover_at`,
    autoincrement: true,
    indexes: `CREATE INDEX lifecycle_history_lead ON lifecycle_history (ws, lead_id, seq);
CREATE INDEX lifecycle_history_handover ON lifecycle_history (ws, handover_at)
  WHERE handover_at IS NOT NULL;`,
  },
  {
    table: 'account_scores',
    body: `${WS}, company_id TEXT NOT NULL, model_version INTEGER NOT NULL, score REAL NOT NULL,
  fit REAL NOT NULL, engagement REAL NOT NULL, grade TEXT, segment TEXT NOT NULL,
  stage TEXT NOT NULL, contacts INTEGER NOT NULL, scored_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, PRIMARY KEY (ws, company_id)`,
    copied: `company_id, model_version, score, fit, engagement, grade, segment, stage, contacts,
  scored_at, updated_at`,
    indexes: 'CREATE INDEX account_scores_score ON account_scores (ws, score, company_id);',
  },
  {
    table: 'job_results',
    // No foreign key to workspaces, as before: the job's own cascades remove the result.
    body: `ws INTEGER NOT NULL, job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  result TEXT NOT NULL, PRIMARY KEY (ws, job_id)`,
    copied: 'job_id, result',
  },
  {
    table: 'predictive_models',
    body: `${WS}, version INTEGER NOT NULL, kind TEXT NOT NULL, artifact TEXT NOT NULL,
  metrics TEXT NOT NULL, created_at INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (ws, version)`,
    copied: 'version, kind, artifact, metrics, created_at, active',
  },
  {
    table: 'suppressions',
    body: `${WS}, id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('userId', 'anonymousId')),
  created_at INTEGER NOT NULL, refused_count INTEGER NOT NULL DEFAULT 0, last_refused_at INTEGER,
  PRIMARY KEY (ws, id)`,
    copied: 'id, kind, created_at, refused_count, last_refused_at',
    withoutRowid: true,
    indexes: 'CREATE INDEX suppressions_created ON suppressions (ws, created_at, id);',
  },
];

/** Carries an AUTOINCREMENT table's last key from `from` to `to` (sqlite_sequence, by name). */
const carrySequence = (
  from: string,
  to: string,
) => `DELETE FROM sqlite_sequence WHERE name = '${to}';
INSERT INTO sqlite_sequence (name, seq) SELECT '${to}', seq FROM sqlite_sequence WHERE name = '${from}';`;

function rebuild(r: Rebuild): string {
  const copied = r.copied.replace(/\s+/g, ' ');
  // The key is looked up per row (the workspaces id index) while the old table is read in its
  // own order; a row of no workspace would be NULL and fail the NOT NULL: nothing is dropped.
  return `CREATE TABLE ${r.table}_new (
  ${r.body}
)${r.withoutRowid ? ' WITHOUT ROWID' : ''};
INSERT INTO ${r.table}_new (ws, ${copied})
  SELECT (SELECT w.ws FROM workspaces_new w WHERE w.id = t.workspace_id), ${copied
    .split(', ')
    .map((c) => `t.${c}`)
    .join(', ')}
  FROM ${r.table} t;
${r.autoincrement ? carrySequence(r.table, `${r.table}_new`) : ''}
DROP TABLE ${r.table};
ALTER TABLE ${r.table}_new RENAME TO ${r.table};
${r.indexes ?? ''}`;
}

export const workspaceKeysSqlite = `
-- The key is the rowid, handed out at insert; AUTOINCREMENT never hands out one a deleted
-- workspace had. Existing workspaces are numbered in creation order.
CREATE TABLE workspaces_new (
  ws INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  -- The last model version handed out, so versions are allocated without a race.
  model_seq INTEGER NOT NULL DEFAULT 0
);
INSERT INTO workspaces_new (id, name, created_at, model_seq)
  SELECT id, name, created_at, model_seq FROM workspaces ORDER BY created_at, id;
${rebuilds.map(rebuild).join('\n')}
DROP TABLE workspaces;
ALTER TABLE workspaces_new RENAME TO workspaces;
`;

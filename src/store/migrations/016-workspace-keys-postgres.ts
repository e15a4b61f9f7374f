// Migration 016 on PostgreSQL: workspaces get an identity key `ws`; every other table gets it as a
// column filled in one UPDATE from workspaces, then loses workspace_id (with the keys, indexes and
// foreign keys built on it) and gets them again on ws. Indexes are dropped before the fill, so the
// UPDATE writes table rows only, and built once after it.

interface Swap {
  table: string;
  /** Indexes and constraints on workspace_id dropped before the fill (the rest go with it). */
  dropFirst?: readonly string[];
  /** Constraints added on ws, in order. */
  constraints: readonly string[];
  indexes?: string;
  /** job_results had no foreign key to workspaces, and gets none. */
  noForeignKey?: boolean;
}

const swaps: Swap[] = [
  {
    table: 'api_keys',
    constraints: [],
    indexes: 'CREATE INDEX api_keys_workspace ON api_keys (ws);',
  },
  { table: 'companies', dropFirst: ['companies_pkey'], constraints: ['PRIMARY KEY (ws, id)'] },
  {
    table: 'leads',
    dropFirst: ['leads_pkey', 'leads_updated', 'leads_company'],
    constraints: ['PRIMARY KEY (ws, id)'],
    indexes: `CREATE INDEX leads_updated ON leads (ws, updated_at, id);
CREATE INDEX leads_company ON leads (ws, company_id) WHERE company_id IS NOT NULL;`,
  },
  {
    table: 'identities',
    dropFirst: ['identities_pkey', 'identities_lead'],
    constraints: ['PRIMARY KEY (ws, anonymous_id)'],
    indexes: 'CREATE INDEX identities_lead ON identities (ws, lead_id);',
  },
  {
    table: 'events',
    dropFirst: ['events_workspace_id_message_id_key', 'events_lead', 'events_anonymous'],
    constraints: ['UNIQUE (ws, message_id)'],
    indexes: `CREATE INDEX events_lead ON events (ws, lead_id, time, seq);
CREATE INDEX events_anonymous ON events (ws, anonymous_id) WHERE lead_id IS NULL;`,
  },
  {
    table: 'lead_scores',
    dropFirst: ['lead_scores_pkey', 'lead_scores_score'],
    constraints: ['PRIMARY KEY (ws, lead_id)'],
    indexes: 'CREATE INDEX lead_scores_score ON lead_scores (ws, score, lead_id);',
  },
  {
    table: 'score_history',
    dropFirst: ['score_history_lead'],
    constraints: [],
    indexes: 'CREATE INDEX score_history_lead ON score_history (ws, lead_id, at, id);',
  },
  { table: 'models', constraints: ['PRIMARY KEY (ws, version)'] },
  {
    table: 'active_models',
    constraints: ['PRIMARY KEY (ws)', 'FOREIGN KEY (ws, version) REFERENCES models (ws, version)'],
  },
  {
    table: 'jobs',
    constraints: [],
    indexes: 'CREATE INDEX jobs_workspace ON jobs (ws, created_at);',
  },
  {
    table: 'webhook_subscriptions',
    constraints: [],
    indexes: 'CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (ws, enabled);',
  },
  {
    table: 'webhook_messages',
    dropFirst: ['webhook_messages_workspace', 'webhook_messages_lead'],
    constraints: [],
    indexes: `CREATE INDEX webhook_messages_workspace ON webhook_messages (ws);
CREATE INDEX webhook_messages_lead ON webhook_messages (ws, lead_id);`,
  },
  { table: 'webhook_deliveries', constraints: [] },
  {
    table: 'lead_routing',
    constraints: ['PRIMARY KEY (ws, lead_id)'],
    indexes: 'CREATE INDEX lead_routing_owner ON lead_routing (ws, owner);',
  },
  { table: 'lead_once', constraints: ['PRIMARY KEY (ws, lead_id, key)'] },
  { table: 'round_robin', constraints: ['PRIMARY KEY (ws, key)'] },
  { table: 'lead_lifecycle', constraints: ['PRIMARY KEY (ws, lead_id)'] },
  {
    table: 'lifecycle_history',
    constraints: [],
    indexes: `CREATE INDEX lifecycle_history_lead ON lifecycle_history (ws, lead_id, seq);
CREATE INDEX lifecycle_history_handover ON lifecycle_history (ws, handover_at)
  WHERE handover_at IS NOT NULL;`,
  },
  {
    table: 'account_scores',
    constraints: ['PRIMARY KEY (ws, company_id)'],
    indexes: 'CREATE INDEX account_scores_score ON account_scores (ws, score, company_id);',
  },
  { table: 'job_results', constraints: ['PRIMARY KEY (ws, job_id)'], noForeignKey: true },
  { table: 'predictive_models', constraints: ['PRIMARY KEY (ws, version)'] },
  {
    table: 'suppressions',
    constraints: ['PRIMARY KEY (ws, id)'],
    indexes: 'CREATE INDEX suppressions_created ON suppressions (ws, created_at, id);',
  },
];

function drop(table: string, name: string): string {
  return name.endsWith('_pkey') || name.endsWith('_key')
    ? `ALTER TABLE ${table} DROP CONSTRAINT ${name};`
    : `DROP INDEX ${name};`;
}

function swap(s: Swap): string {
  const t = s.table;
  const constraints = [
    ...s.constraints,
    ...(s.noForeignKey ? [] : ['FOREIGN KEY (ws) REFERENCES workspaces (ws) ON DELETE CASCADE']),
  ];
  // Every row has a workspace (the foreign key said so), so SET NOT NULL proves none was missed.
  return `${(s.dropFirst ?? []).map((name) => drop(t, name)).join('\n')}
ALTER TABLE ${t} ADD COLUMN ws INTEGER;
UPDATE ${t} SET ws = w.ws FROM workspaces w WHERE w.id = ${t}.workspace_id;
ALTER TABLE ${t} ALTER COLUMN ws SET NOT NULL;
ALTER TABLE ${t} DROP COLUMN workspace_id CASCADE;
${constraints.map((c) => `ALTER TABLE ${t} ADD ${c};`).join('\n')}
${s.indexes ?? ''}`;
}

export const workspaceKeysPostgres = `
-- Numbered in creation order; new workspaces draw from the identity.
ALTER TABLE workspaces ADD COLUMN ws INTEGER UNIQUE;
UPDATE workspaces SET ws = n.ws
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS ws FROM workspaces) n
  WHERE n.id = workspaces.id;
ALTER TABLE workspaces ALTER COLUMN ws SET NOT NULL;
ALTER TABLE workspaces ALTER COLUMN ws ADD GENERATED BY DEFAULT AS IDENTITY;
SELECT setval(pg_get_serial_sequence('workspaces', 'ws'), coalesce(max(ws), 0) + 1, false)
  FROM workspaces;
${swaps.map(swap).join('\n')}`;

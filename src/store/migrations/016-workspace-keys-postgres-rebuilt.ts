// Migration 016 on PostgreSQL, the large tables: each rebuilt with ws in place of workspace_id
// (see 016-workspace-keys-postgres.ts for why), with the columns, keys and indexes it had.

interface Rebuilt {
  table: string;
  /** The columns after ws, in the new table's order. */
  columns: string;
  /** The columns copied as they are. */
  copied: string;
  /** The identity column, whose sequence goes on where the old table's stopped. */
  identity?: string;
  /** Keys and indexes, built once the rows are in (and the table has its name back). */
  after: string;
}

const FK = 'FOREIGN KEY (ws) REFERENCES workspaces (ws) ON DELETE CASCADE';

const rebuilt: Rebuilt[] = [
  {
    table: 'companies',
    columns: `id TEXT COLLATE "C" NOT NULL, traits JSONB NOT NULL, created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL`,
    copied: 'id, traits, created_at, updated_at',
    after: `ALTER TABLE companies ADD PRIMARY KEY (ws, id);
ALTER TABLE companies ADD ${FK};`,
  },
  {
    table: 'leads',
    columns: `id TEXT COLLATE "C" NOT NULL, traits JSONB NOT NULL,
  -- Not a foreign key: a group call may name a company before its traits arrive.
  company_id TEXT COLLATE "C", created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL`,
    copied: 'id, traits, company_id, created_at, updated_at',
    after: `ALTER TABLE leads ADD PRIMARY KEY (ws, id);
ALTER TABLE leads ADD ${FK};
CREATE INDEX leads_updated ON leads (ws, updated_at, id);
CREATE INDEX leads_company ON leads (ws, company_id) WHERE company_id IS NOT NULL;`,
  },
  {
    table: 'identities',
    columns: `anonymous_id TEXT COLLATE "C" NOT NULL, lead_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL`,
    copied: 'anonymous_id, lead_id, created_at',
    after: `ALTER TABLE identities ADD PRIMARY KEY (ws, anonymous_id);
ALTER TABLE identities ADD ${FK};
CREATE INDEX identities_lead ON identities (ws, lead_id);`,
  },
  {
    table: 'events',
    columns: `message_id TEXT COLLATE "C" NOT NULL,
  -- Not a foreign key: events may name a lead before (or without) its identify call.
  lead_id TEXT COLLATE "C", anonymous_id TEXT COLLATE "C", type TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL, time BIGINT NOT NULL, received_at BIGINT NOT NULL,
  -- json, not jsonb: kept exactly as received and never queried into.
  payload JSON NOT NULL`,
    copied: 'seq, message_id, lead_id, anonymous_id, type, name, time, received_at, payload',
    identity: 'seq',
    after: `ALTER TABLE events ADD PRIMARY KEY (seq);
ALTER TABLE events ADD UNIQUE (ws, message_id);
ALTER TABLE events ADD ${FK};
CREATE INDEX events_lead ON events (ws, lead_id, time, seq);
CREATE INDEX events_anonymous ON events (ws, anonymous_id) WHERE lead_id IS NULL;`,
  },
  {
    table: 'lead_scores',
    columns: `lead_id TEXT COLLATE "C" NOT NULL, model_version INTEGER NOT NULL,
  state JSON NOT NULL, score DOUBLE PRECISION NOT NULL, fit DOUBLE PRECISION NOT NULL,
  engagement DOUBLE PRECISION NOT NULL, grade TEXT COLLATE "C", segment TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL, categories JSONB NOT NULL, scored_at BIGINT NOT NULL,
  last_event_time BIGINT, updated_at BIGINT NOT NULL, due_at BIGINT`,
    copied: `lead_id, model_version, state, score, fit, engagement, grade, segment, stage,
  categories, scored_at, last_event_time, updated_at, due_at`,
    after: `ALTER TABLE lead_scores ADD PRIMARY KEY (ws, lead_id);
ALTER TABLE lead_scores ADD ${FK};
CREATE INDEX lead_scores_score ON lead_scores (ws, score, lead_id);
CREATE INDEX lead_scores_due ON lead_scores (due_at) WHERE due_at IS NOT NULL;`,
  },
  {
    table: 'score_history',
    columns: `lead_id TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL,
  cause TEXT COLLATE "C" NOT NULL, cause_ref TEXT COLLATE "C", model_version INTEGER NOT NULL,
  score DOUBLE PRECISION NOT NULL, grade TEXT COLLATE "C", segment TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL, previous JSONB`,
    copied: `id, lead_id, at, cause, cause_ref, model_version, score, grade, segment, stage,
  previous`,
    identity: 'id',
    after: `ALTER TABLE score_history ADD PRIMARY KEY (id);
ALTER TABLE score_history ADD ${FK};
CREATE INDEX score_history_lead ON score_history (ws, lead_id, at, id);`,
  },
];

function rebuild(r: Rebuilt): string {
  const t = r.table;
  const copied = r.copied.replace(/\s+/g, ' ');
  const from = copied
    .split(', ')
    .map((c) => `t.${c}`)
    .join(', ');
  const identity = r.identity;
  // The old rows in their own order, each with its workspace's key found by a hash join; a row
  // of no workspace would get NULL and fail the NOT NULL: nothing is dropped silently.
  return `CREATE TABLE ${t}_new (
  ${identity ? `${identity} BIGINT GENERATED ALWAYS AS IDENTITY,\n  ` : ''}ws INTEGER NOT NULL,
  ${r.columns}
);
INSERT INTO ${t}_new (ws, ${copied})${identity ? ' OVERRIDING SYSTEM VALUE' : ''}
  SELECT w.ws, ${from} FROM ${t} t LEFT JOIN workspaces w ON w.id = t.workspace_id;
${
  identity
    ? `SELECT setval(pg_get_serial_sequence('${t}_new', '${identity}'),
  nextval(pg_get_serial_sequence('${t}', '${identity}')), false);\n`
    : ''
}DROP TABLE ${t};
ALTER TABLE ${t}_new RENAME TO ${t};
${identity ? `ALTER SEQUENCE ${t}_new_${identity}_seq RENAME TO ${t}_${identity}_seq;\n` : ''}${r.after}`;
}

export const rebuiltPostgres = rebuilt.map(rebuild).join('\n');

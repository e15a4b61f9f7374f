// On PostgreSQL the workspace key leads every primary key and unique index, so that a cluster that
// distributes tables by workspace (Citus) can take the schema; the tables that cannot yet are named
// here, each with its reason, so a new table keyed without its workspace fails this test.
import { describe, expect, it } from 'vitest';
import { freshStores } from './fresh-stores.js';

/** Tables not (yet) led by `ws`, and why. */
const NOT_BY_WORKSPACE: Readonly<Record<string, string>> = {
  schema_migrations: 'the database itself, not a workspace',
  workspaces: 'looked up by id before a key is known: a reference table',
  api_keys: 'looked up by key hash before the workspace is known: a reference table',
  jobs: 'keyed by job id (job_results refers to it): to widen with the webhook tables',
  webhook_subscriptions: 'keyed by id, referred to by deliveries: to widen together',
  webhook_messages: 'keyed by id, referred to by deliveries: to widen together',
  webhook_deliveries: 'keyed by seq and id, referred to by attempts: to widen together',
  webhook_attempts: 'keyed by id: to widen together',
  channels: 'keyed by id, referred to by its queue in webhook_subscriptions: to widen together',
  users: 'people are global (one user may belong to several workspaces): a reference table',
  sessions:
    'looked up by token hash before the workspace is known, and a user may switch workspaces',
  sign_in_links: 'looked up by token hash before the user or workspace is known',
  user_identities: 'looked up by the provider (issuer, subject) before the user is known',
  login_failures: 'counted per e-mail and per address, before any workspace is known',
};

const postgres = freshStores().filter((kind) => kind.name === 'postgres');

describe.skipIf(postgres.length === 0)('the PostgreSQL schema', () => {
  it('leads every primary key and unique index with the workspace key', async () => {
    const db = await postgres[0]!.openShared();
    const rows = await db.query(`
      SELECT t.relname AS "table", i.relname AS "index",
             (SELECT a.attname FROM pg_attribute a
               WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0]) AS "first"
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE x.indisunique AND n.nspname = current_schema()
      ORDER BY 1, 2`);
    expect(rows.length).toBeGreaterThan(20);
    const offending = rows
      .filter((r) => !(String(r.table) in NOT_BY_WORKSPACE) && r.first !== 'ws')
      .map((r) => `${String(r.table)}.${String(r.index)} leads with ${String(r.first)}`);
    expect(offending).toEqual([]);
    const tables = new Set(rows.map((r) => String(r.table)));
    for (const table of ['events', 'score_history', 'lifecycle_history', 'leads', 'lead_scores'])
      expect(tables.has(table)).toBe(true);
  });
});

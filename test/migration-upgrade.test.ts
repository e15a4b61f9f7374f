// The one migration list on both stores: a new database gets every migration once under the same
// ids, and a database the release before migrated (under its per-dialect ids), with rows in it,
// is brought forward in place: nothing applied twice, nothing skipped, nothing lost.
import { describe, expect, it } from 'vitest';
import { migrations } from '../src/store/migrations/index.js';
import {
  buildLegacyDatabase,
  copyIntoOlderLayout,
  countsOf,
  emptyDatabases,
  LEGACY_APPLIED_AT,
  LEGACY_IDS,
  nameOf,
  rowsOf,
  schemaOf,
  type RawDatabase,
} from './legacy-databases.js';
import { fillLikeAUser, readThroughPort } from './upgrade-content.js';

const ids = migrations.map((m) => m.id);

/** The ids of the one list that the first `count` old ids of a dialect do not cover. */
const missingAfter = (dialect: RawDatabase['dialect'], count: number) => {
  const done = new Set(LEGACY_IDS[dialect].slice(0, count).map(nameOf));
  return ids.filter((id) => !done.has(nameOf(id)));
};

async function recordedIds(db: RawDatabase): Promise<string[]> {
  const rows = await db.query('SELECT id FROM schema_migrations ORDER BY id');
  return rows.map((r) => String(r.id));
}

/**
 * The migrations since the release before: integer workspace keys in every table, and (on
 * PostgreSQL) the workspace key leading the history tables' primary keys.
 */
const SINCE = [
  '016-workspace-keys',
  '017-workspace-led-history-keys',
  '018-import-pending',
  '019-import-rejects',
  '020-teams',
  '021-retraining',
  '022-channels',
  '023-channel-sync-state',
  '024-catalog',
  '025-model-notes',
  '026-adjustments',
];

/** Tables the migrations since made: empty after an upgrade. */
const NEW_TABLES = {
  import_pending: 0,
  import_rejects: 0,
  users: 0,
  memberships: 0,
  sessions: 0,
  sign_in_links: 0,
  user_identities: 0,
  login_failures: 0,
  audit_log: 0,
  retraining_schedules: 0,
  retraining_runs: 0,
  channels: 0,
  digest_settings: 0,
  digest_sends: 0,
  channel_sync_state: 0,
  catalogs: 0,
  lead_adjustments: 0,
  model_what_ifs: 0,
};

describe.each(emptyDatabases())('migrations on $name', ({ name, open }) => {
  /**
   * A database of the current schema filled through the store and the API, and what the store
   * port answers about it: made once, the source every upgrade below is copied from.
   */
  let filled: Promise<{ db: RawDatabase; expected: unknown }> | undefined;
  const source = () =>
    (filled ??= (async () => {
      const db = await open();
      const store = db.openStore();
      await store.migrate();
      await fillLikeAUser(store);
      return { db, expected: await readThroughPort(store) };
    })());

  /** A database of the release before (its own migration ids), holding the source's rows. */
  const upgradeable = async () => {
    const db = await open();
    await buildLegacyDatabase(db);
    const copied = await copyIntoOlderLayout((await source()).db, db);
    return { db, copied };
  };

  it('give a new database every migration once, under the ids of the one list', async () => {
    const db = await open();
    const store = db.openStore();
    expect(await store.migrate()).toEqual(ids);
    expect(await recordedIds(db)).toEqual([...ids].sort());
    expect(await store.migrate()).toEqual([]);
    expect(await recordedIds(db)).toEqual([...ids].sort());
  });

  it('bring a database of the release before forward in place: nothing applied twice, nothing lost', async () => {
    const fresh = await open();
    await fresh.openStore().migrate();
    const { db, copied } = await upgradeable();
    for (const table of ['events', 'score_history', 'identities', 'webhook_deliveries'])
      expect(copied[table]).toBeGreaterThan(1);
    for (const table of ['account_scores', 'lifecycle_history', 'lead_routing', 'suppressions'])
      expect(copied[table]).toBeGreaterThan(0);
    for (const table of ['predictive_models', 'job_results', 'webhook_attempts', 'active_models'])
      expect(copied[table]).toBeGreaterThan(0);
    const store = db.openStore();

    // What this dialect never needed, recorded under the shared id (a comment, no change), and
    // the migrations since.
    const applied = await store.migrate();
    expect(applied).toEqual(missingAfter(name, LEGACY_IDS[name].length));
    expect(applied.slice(-SINCE.length)).toEqual(SINCE);
    for (const id of applied.slice(0, -SINCE.length))
      expect(migrations.find((m) => m.id === id)?.sql[name]).toMatch(/^-- Nothing to do: /);
    expect(await schemaOf(db)).toEqual(await schemaOf(fresh));

    // Nothing lost: every table holds as many rows as before (a row the migration dropped fails
    // here, whichever table it was in), and every lead's score, history, events, lifecycle and
    // routing, every webhook delivery with its attempts and message, keys, models, jobs,
    // predictive versions, accounts and suppressions read the same through the store.
    // Each workspace's active version is its first recorded activation.
    const activations = { model_activations: copied['active_models'] };
    expect(await countsOf(db)).toEqual({ ...copied, ...NEW_TABLES, ...activations });
    expect(await readThroughPort(store)).toEqual((await source()).expected);
    // The admin keys made before roles became owners; write keys (ingestion only) have none.
    const roles = await db.query('SELECT kind, role FROM api_keys ORDER BY kind');
    expect(roles.filter((k) => k.kind === 'admin').length).toBeGreaterThan(0);
    for (const key of roles) expect(key.role).toBe(key.kind === 'admin' ? 'owner' : null);

    // Every id of the one list, and the old ids kept for the release before (a rollback).
    expect(await recordedIds(db)).toEqual([...new Set([...ids, ...LEGACY_IDS[name]])].sort());
    // A migration recorded under its new id keeps the time it was applied under its old one.
    const renamed = migrations.filter((m) => m.previousIds?.[name]).map((m) => m.id);
    expect(renamed.length).toBeGreaterThan(0);
    const times = await db.query('SELECT id, applied_at FROM schema_migrations');
    for (const id of renamed)
      expect(Number(times.find((r) => r.id === id)?.applied_at)).toBe(LEGACY_APPLIED_AT);
  });

  it('finish a database an older release migrated part-way: apply exactly what it lacks', async () => {
    const fresh = await open();
    await fresh.openStore().migrate();
    const db = await open();
    // Ten old ids: on both dialects some of them are no longer the ids of the one list.
    await buildLegacyDatabase(db, 10);
    const store = db.openStore();
    const applied = await store.migrate();
    expect(applied).toEqual(missingAfter(name, 10));
    expect(applied.length).toBeGreaterThanOrEqual(ids.length - 10);
    expect(await schemaOf(db)).toEqual(await schemaOf(fresh));
  });

  it('change nothing when run again on a database brought forward', async () => {
    const { db } = await upgradeable();
    const store = db.openStore();
    await store.migrate();
    const snapshot = async () => ({
      schema: await schemaOf(db),
      rows: await rowsOf(db),
      recorded: await db.query('SELECT id, applied_at FROM schema_migrations ORDER BY id'),
    });
    const before = await snapshot();
    expect(await store.migrate()).toEqual([]);
    expect(await db.openStore().migrate()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

// The one migration list on both stores: a new database gets every migration once under the same
// ids, and a database the release before migrated (under its per-dialect ids), with rows in it,
// is brought forward in place: nothing applied twice, nothing skipped, nothing lost.
import { describe, expect, it } from 'vitest';
import { event, scoreRow, T0 } from '../src/store/contract/harness.js';
import { hook, note } from '../src/store/contract/webhooks.contract.js';
import { migrations } from '../src/store/migrations/index.js';
import type { Store } from '../src/store/port.js';
import {
  buildLegacyDatabase,
  emptyDatabases,
  LEGACY_APPLIED_AT,
  LEGACY_IDS,
  nameOf,
  rowsOf,
  schemaOf,
  type RawDatabase,
} from './legacy-databases.js';

const ids = migrations.map((m) => m.id);

/** The ids of the one list that the first `count` old ids of a dialect do not cover. */
const missingAfter = (dialect: RawDatabase['dialect'], count: number) => {
  const done = new Set(LEGACY_IDS[dialect].slice(0, count).map(nameOf));
  return ids.filter((id) => !done.has(nameOf(id)));
};

/** A workspace with keys, a scored lead with history, an event, a webhook with a message. */
async function plantRows(store: Store) {
  const ws = (await store.createWorkspace('kept', T0)).id;
  const key = await store.addApiKey({
    workspaceId: ws,
    kind: 'write',
    hash: 'h'.repeat(64),
    prefix: 'ls_write_AbCd',
    createdAt: T0,
  });
  await store.upsertLead(ws, 'lead-1', { email: 'a@example.com' }, T0);
  await store.insertEvent(ws, event('m-1'));
  const score = scoreRow('lead-1');
  await store.putScore(ws, score);
  await store.appendHistory(ws, {
    ...score,
    at: T0,
    cause: 'event',
    causeRef: 'm-1',
    previous: null,
  });
  const webhook = await store.createWebhook(ws, hook(), T0);
  await store.transaction((tx) => tx.enqueueNotifications(ws, [note('lead-1', 1)]));
  return { ws, key, score, webhook };
}

async function recordedIds(db: RawDatabase): Promise<string[]> {
  const rows = await db.query('SELECT id FROM schema_migrations ORDER BY id');
  return rows.map((r) => String(r.id));
}

describe.each(emptyDatabases())('migrations on $name', ({ name, open }) => {
  it('give a new database every migration once, under the ids of the one list', async () => {
    const db = await open();
    const store = db.openStore();
    expect(await store.migrate()).toEqual(ids);
    expect(await recordedIds(db)).toEqual([...ids].sort());
    expect(await store.migrate()).toEqual([]);
    expect(await recordedIds(db)).toEqual([...ids].sort());
  });

  it('bring a database of the release before forward in place: nothing applied twice, every row kept', async () => {
    const fresh = await open();
    await fresh.openStore().migrate();
    const db = await open();
    await buildLegacyDatabase(db);
    const store = db.openStore();
    const planted = await plantRows(store);
    const before = await rowsOf(db);
    for (const table of ['workspaces', 'api_keys', 'leads', 'events', 'lead_scores'])
      expect(before[table]).toHaveLength(1);
    for (const table of ['score_history', 'webhook_subscriptions', 'webhook_messages'])
      expect(before[table]).toHaveLength(1);

    // Only what this dialect never needed, recorded under the shared id: a comment, no change.
    const applied = await store.migrate();
    expect(applied).toEqual(missingAfter(name, LEGACY_IDS[name].length));
    expect(applied).toHaveLength(1);
    for (const id of applied)
      expect(migrations.find((m) => m.id === id)?.sql[name]).toMatch(/^-- Nothing to do: /);

    expect(await schemaOf(db)).toEqual(await schemaOf(fresh));
    expect(await rowsOf(db)).toEqual(before);
    // Every id of the one list, and the old ids kept for the release before (a rollback).
    expect(await recordedIds(db)).toEqual([...new Set([...ids, ...LEGACY_IDS[name]])].sort());
    // A migration recorded under its new id keeps the time it was applied under its old one.
    const renamed = migrations.filter((m) => m.previousIds?.[name]).map((m) => m.id);
    expect(renamed.length).toBeGreaterThan(0);
    const times = await db.query('SELECT id, applied_at FROM schema_migrations');
    for (const id of renamed)
      expect(Number(times.find((r) => r.id === id)?.applied_at)).toBe(LEGACY_APPLIED_AT);

    expect(await store.getScore(planted.ws, 'lead-1')).toEqual(planted.score);
    expect((await store.eventsOfLead(planted.ws, 'lead-1')).map((e) => e.messageId)).toEqual([
      'm-1',
    ]);
    expect(await store.listWebhooks(planted.ws)).toEqual([planted.webhook]);
    expect(await store.findApiKeyByHash(planted.key.hash)).toEqual(planted.key);
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
    const db = await open();
    await buildLegacyDatabase(db);
    const store = db.openStore();
    await plantRows(store);
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

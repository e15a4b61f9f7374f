// The audited store on real stores: a request's entry is appended in its first transaction that
// writes (never in one that only reads), a rolled-back transaction leaves it owed for the next,
// single calls made outside a transaction carry it too, and nothing is written once the request
// has answered or outside any request.
import { describe, expect, it } from 'vitest';
import { AuditScope, runInAuditScope } from '../src/service/audit/audit-scope.js';
import { auditedStore, READS } from '../src/service/audit/audited-store.js';
import { transactionPerCall } from '../src/store/store-methods.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const actor = { actorKind: 'key' as const, actorId: 'k1', actorName: 'ci', ip: '203.0.113.9' };

// A read missing from READS counts as a write: the request's entry would go with a transaction
// that only read, before (or without) the change it records.
it('counts every get, list and find method of the store as a read', () => {
  const names = Object.keys(transactionPerCall((async () => undefined) as never));
  expect(names.filter((n) => /^(get|list|find)[A-Z]/.test(n) && !READS.has(n as never))).toEqual(
    [],
  );
});

describe.each(freshStores())('audited store on $name', ({ open }) => {
  let shared: Promise<Store> | undefined;
  const setup = async () => {
    const store = await (shared ??= open());
    const ws = (await store.createWorkspace('w', T0)).id;
    const scope = new AuditScope(ws, 'lead.update', actor, () => T0);
    return { store, audited: auditedStore(store), ws, scope };
  };
  const entries = (store: Store, ws: string) => store.listAudit(ws, { filter: {}, limit: 10 });

  it('appends the entry in the first transaction that writes, with what was described', async () => {
    const { store, audited, ws, scope } = await setup();
    await runInAuditScope(scope, async () => {
      scope.describe('lead:u1', { traits: ['a'] });
      await audited.transaction((tx) => tx.getLead(ws, 'u1'));
      expect(await entries(store, ws)).toEqual([]);
      await audited.transaction(async (tx) => {
        await tx.upsertLead(ws, 'u1', { a: 1 }, T0);
        scope.describe(undefined, { after: 1 });
      });
      await audited.transaction((tx) => tx.upsertLead(ws, 'u1', { a: 2 }, T0));
    });
    expect(await entries(store, ws)).toEqual([
      {
        id: expect.any(String),
        at: T0,
        ...actor,
        action: 'lead.update',
        target: 'lead:u1',
        summary: { traits: ['a'], after: 1 },
      },
    ]);
    expect(scope.pending).toBe(false);
  });

  it('leaves the entry owed when the transaction rolls back, for the next one', async () => {
    const { store, audited, ws, scope } = await setup();
    await runInAuditScope(scope, async () => {
      const failed = audited.transaction(async (tx) => {
        await tx.upsertLead(ws, 'u1', {}, T0);
        throw new Error('refused');
      });
      await expect(failed).rejects.toThrow('refused');
      expect(await entries(store, ws)).toEqual([]);
      expect(scope.pending).toBe(true);
      // A single call outside any transaction runs in one that carries the entry.
      await audited.upsertLead(ws, 'u2', {}, T0);
    });
    expect(await entries(store, ws)).toHaveLength(1);
    expect(await store.getLead(ws, 'u1')).toBeUndefined();
  });

  it('writes nothing outside a request, nor after the request has answered', async () => {
    const { store, audited, ws, scope } = await setup();
    await audited.upsertLead(ws, 'u1', {}, T0);
    scope.close();
    await runInAuditScope(scope, () => audited.upsertLead(ws, 'u2', {}, T0));
    expect(await entries(store, ws)).toEqual([]);
  });
});

// Contract: the audit log appends entries per workspace, lists them newest first with filters and
// a keyset, keeps a rolled-back transaction's entry out, and drops entries past retention.
import { describe, expect, it } from 'vitest';
import type { AuditEntry, NewAuditEntry } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';

const entry = (fields: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: T0,
  actorKind: 'user',
  actorId: 'u-1',
  actorName: 'ann@example.com',
  ip: '203.0.113.9',
  action: 'model.activate',
  target: 'model:3',
  summary: { before: { active: 2 }, after: { active: 3 } },
  ...fields,
});

export function auditContract(makeStore: MakeStore): void {
  describe('audit log', () => {
    const ctx = useContext(makeStore);

    it('appends entries with ids and reads them back as written, per workspace', async () => {
      const { store, ws, other } = ctx();
      const first = await store.appendAudit(ws, entry());
      expect(first).toEqual({ ...entry(), id: expect.any(String) });
      const key = await store.appendAudit(
        ws,
        entry({ actorKind: 'key', actorId: null, ip: null, target: null, summary: {} }),
      );
      expect(key.id).not.toBe(first.id);
      expect(await store.listAudit(ws, { filter: {}, limit: 10 })).toEqual([key, first]);
      expect(await store.listAudit(other, { filter: {}, limit: 10 })).toEqual([]);
      await expect(store.appendAudit('missing', entry())).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('lists newest first, equal times in the order appended, page after page', async () => {
      const { store, ws } = ctx();
      const appended: AuditEntry[] = [];
      for (const at of [T0, T0 + 5, T0 + 5, T0 + 5, T0 + 9, T0 + 1, T0 + 5])
        appended.push(await store.appendAudit(ws, entry({ at, target: `t:${appended.length}` })));
      const expected = [...appended]
        .map((e, i) => ({ e, i }))
        .sort((a, b) => b.e.at - a.e.at || b.i - a.i)
        .map(({ e }) => e.target);
      const seen: (string | null)[] = [];
      let after: AuditEntry | undefined;
      for (;;) {
        const page = await store.listAudit(ws, { filter: {}, limit: 2, after });
        seen.push(...page.map((e) => e.target));
        if (page.length < 2) break;
        after = page.at(-1);
      }
      expect(seen).toEqual(expected);
      await expect(
        store.listAudit(ws, { filter: {}, limit: 2, after: { at: T0, id: 'x' } }),
      ).rejects.toMatchObject({ code: 'invalid' });
    });

    it('filters by actor (name or id), action, target and time range', async () => {
      const { store, ws } = ctx();
      const a = await store.appendAudit(ws, entry({ at: T0 + 1 }));
      const b = await store.appendAudit(
        ws,
        entry({ at: T0 + 2, actorKind: 'key', actorId: 'k-1', actorName: 'zapier' }),
      );
      const c = await store.appendAudit(
        ws,
        entry({ at: T0 + 3, action: 'lead.erase', target: 'lead:u1', summary: { events: 4 } }),
      );
      const list = (filter: Parameters<typeof store.listAudit>[1]['filter']) =>
        store.listAudit(ws, { filter, limit: 10 }).then((es) => es.map((e) => e.id));
      expect(await list({ actor: 'ann@example.com' })).toEqual([c.id, a.id]);
      expect(await list({ actor: 'k-1' })).toEqual([b.id]);
      expect(await list({ actor: 'zapier' })).toEqual([b.id]);
      expect(await list({ action: 'lead.erase' })).toEqual([c.id]);
      expect(await list({ target: 'model:3' })).toEqual([b.id, a.id]);
      expect(await list({ from: T0 + 2 })).toEqual([c.id, b.id]);
      expect(await list({ to: T0 + 2 })).toEqual([a.id]);
      expect(await list({ from: T0 + 1, to: T0 + 3, actor: 'ann@example.com' })).toEqual([a.id]);
      expect(await list({ action: 'model.activate', target: 'lead:u1' })).toEqual([]);
    });

    it('records nothing from a transaction that rolls back', async () => {
      const { store, ws } = ctx();
      const failed = store.transaction(async (tx) => {
        await tx.appendAudit(ws, entry());
        throw new Error('the change failed');
      });
      await expect(failed).rejects.toThrow('the change failed');
      expect(await store.listAudit(ws, { filter: {}, limit: 10 })).toEqual([]);
    });

    it('drops entries older than the retention limit, in every workspace', async () => {
      const { store, ws, other } = ctx();
      // Before every other test's entries (PostgreSQL runs the suite on one database).
      const at = T0 - 1_000_000;
      await store.appendAudit(ws, entry({ at }));
      await store.appendAudit(other, entry({ at: at + 1 }));
      const kept = await store.appendAudit(ws, entry({ at: at + 2 }));
      expect(await store.deleteAuditBefore(at + 2)).toBe(2);
      expect(await store.deleteAuditBefore(at + 2)).toBe(0);
      expect(await store.listAudit(ws, { filter: {}, limit: 10 })).toEqual([kept]);
      expect(await store.listAudit(other, { filter: {}, limit: 10 })).toEqual([]);
    });
  });
}

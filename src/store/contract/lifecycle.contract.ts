// Contract: each lead's lifecycle stage, its append-only history, the hand-over report's read,
// and erasure of both.
import { describe, expect, it } from 'vitest';
import type { LeadLifecycle, NewLifecycleEntry } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';

const HOUR = 3_600_000;

function entry(leadId: string, fields: Partial<NewLifecycleEntry> = {}): NewLifecycleEntry {
  return {
    leadId,
    kind: 'handed_over',
    from: 'lead',
    to: 'mql',
    reason: null,
    cause: 'scoring',
    causeRef: 'sales-ready',
    actor: null,
    value: null,
    currency: null,
    at: T0,
    handover: { segment: 'sales-ready', at: T0 },
    ...fields,
  };
}

const state = (leadId: string, fields: Partial<LeadLifecycle> = {}): LeadLifecycle => ({
  leadId,
  stage: 'mql',
  since: T0,
  handover: { segment: 'sales-ready', at: T0 },
  ...fields,
});

export function lifecycleContract(makeStore: MakeStore): void {
  describe('lead lifecycle', () => {
    const ctx = useContext(makeStore);

    it('keeps the current stage per lead, the later row winning', async () => {
      const { store, ws, other } = ctx();
      expect(await store.getLifecycles(ws, ['u1'])).toEqual(new Map());
      await store.putLifecycles(ws, [
        state('u1', { stage: 'lead', handover: null }),
        state('u2'),
        state('u1', { stage: 'sal', since: T0 + HOUR }),
      ]);
      const found = await store.getLifecycles(ws, ['u1', 'u2', 'u3', 'u1']);
      expect([...found.keys()].sort()).toEqual(['u1', 'u2']);
      expect(found.get('u1')).toEqual(state('u1', { stage: 'sal', since: T0 + HOUR }));
      await store.putLifecycles(ws, [
        state('u1', { stage: 'lead', since: T0 + 2, handover: null }),
      ]);
      expect((await store.getLifecycles(ws, ['u1'])).get('u1')).toEqual(
        state('u1', { stage: 'lead', since: T0 + 2, handover: null }),
      );
      expect(await store.getLifecycles(other, ['u1', 'u2'])).toEqual(new Map());
      expect(await store.getLifecycles(ws, [])).toEqual(new Map());
    });

    it('appends history in order and lists a lead’s newest first, every field kept', async () => {
      const { store, ws, other } = ctx();
      const converted = entry('u1', {
        kind: 'converted',
        from: 'sal',
        to: 'customer',
        cause: 'event',
        causeRef: 'order-1',
        actor: 'ann@acme.io',
        value: 1234.5,
        currency: 'EUR',
        at: T0 + 3 * HOUR,
      });
      const accepted = entry('u1', {
        kind: 'accepted',
        from: 'mql',
        to: 'sal',
        cause: 'api',
        causeRef: null,
        at: T0 + HOUR,
      });
      await store.appendLifecycleEntries(ws, [entry('u1'), entry('u2'), accepted]);
      await store.appendLifecycleEntries(ws, [converted]);
      await store.appendLifecycleEntries(ws, []);
      const listed = await store.listLifecycleEntries(ws, 'u1', { limit: 10 });
      expect(listed.map(({ seq: _, ...e }) => e)).toEqual([converted, accepted, entry('u1')]);
      const seqs = listed.map((e) => e.seq);
      expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
      expect(await store.listLifecycleEntries(ws, 'u1', { limit: 1 })).toMatchObject([
        { kind: 'converted' },
      ]);
      expect(await store.listLifecycleEntries(other, 'u1', { limit: 10 })).toEqual([]);
    });

    it('reads the entries counted against the hand-overs of a period, by lead then seq', async () => {
      const { store, ws, other } = ctx();
      const early = { segment: 'sales-ready', at: T0 - HOUR };
      const inside = { segment: 'hot', at: T0 + HOUR };
      await store.appendLifecycleEntries(ws, [
        entry('u2', { handover: inside, at: inside.at }),
        entry('u1', { handover: early, at: early.at }),
        entry('u1', { kind: 'accepted', from: 'mql', to: 'sal', handover: early, at: T0 + 1 }),
        entry('u3', { handover: { segment: 'hot', at: T0 + 2 * HOUR } }),
        entry('u2', { kind: 'rejected', reason: 'no budget', to: 'lead', handover: inside }),
        entry('u4', { kind: 'moved', to: 'sql', handover: null }),
      ]);
      await store.appendLifecycleEntries(other, [entry('u9', { handover: inside })]);
      const period = { from: T0, to: T0 + 2 * HOUR };
      const read = await store.listHandoverEntries(ws, period);
      expect(read.map((e) => [e.leadId, e.kind, e.reason])).toEqual([
        ['u2', 'handed_over', null],
        ['u2', 'rejected', 'no budget'],
      ]);
      const all = await store.listHandoverEntries(ws, { from: 0, to: T0 + 3 * HOUR });
      expect(all.map((e) => [e.leadId, e.kind])).toEqual([
        ['u1', 'handed_over'],
        ['u1', 'accepted'],
        ['u2', 'handed_over'],
        ['u2', 'rejected'],
        ['u3', 'handed_over'],
      ]);
    });

    it('erasing a lead removes its stage and history and counts them', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'u1', {}, T0);
      await store.upsertLead(ws, 'u2', {}, T0);
      await store.putLifecycles(ws, [state('u1'), state('u2')]);
      await store.appendLifecycleEntries(ws, [entry('u1'), entry('u1'), entry('u2')]);
      const erased = await store.deleteLead(ws, 'u1');
      expect(erased.lifecycle).toBe(3);
      expect(await store.getLifecycles(ws, ['u1'])).toEqual(new Map());
      expect(await store.listLifecycleEntries(ws, 'u1', { limit: 10 })).toEqual([]);
      expect(await store.listLifecycleEntries(ws, 'u2', { limit: 10 })).toHaveLength(1);
      expect((await store.deleteLead(ws, 'u1')).lifecycle).toBe(0);
    });

    it('writes with the transaction: a rolled-back move leaves nothing', async () => {
      const { store, ws } = ctx();
      await expect(
        store.transaction(async (tx) => {
          await tx.putLifecycles(ws, [state('u1')]);
          await tx.appendLifecycleEntries(ws, [entry('u1')]);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.getLifecycles(ws, ['u1'])).toEqual(new Map());
      expect(await store.listLifecycleEntries(ws, 'u1', { limit: 10 })).toEqual([]);
    });
  });
}

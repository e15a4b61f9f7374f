// Contract: the daily digest's reads of owned leads (hand-overs in a period, score entries that
// reached given segments or a grade, hand-overs awaiting acceptance), each workspace apart.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, NewLifecycleEntry, StoreTx } from '../port.js';
import { T0, scoreRow, useContext, type MakeStore } from './harness.js';

const HOUR = 3_600_000;

const handedOver = (leadId: string, at: number): NewLifecycleEntry => ({
  leadId,
  kind: 'handed_over',
  from: 'lead',
  to: 'mql',
  reason: null,
  cause: 'scoring',
  causeRef: 'hot',
  actor: null,
  value: null,
  currency: null,
  at,
  handover: { segment: 'hot', at },
});

const history = (
  leadId: string,
  at: number,
  segment: string,
  grade: string | null,
  previous: HistoryEntry['previous'],
): HistoryEntry => ({
  leadId,
  at,
  cause: 'event',
  causeRef: null,
  modelVersion: 1,
  score: 50,
  grade,
  segment,
  stage: 'bofu',
  previous,
});

/** A lead with a name, a company and a stored score, owned by `owner` (null: none). */
async function ownedLead(tx: StoreTx, ws: string, id: string, owner: string | null) {
  await tx.upsertLead(ws, id, { name: `Lead ${id}` }, T0);
  await tx.upsertCompany(ws, `co-${id}`, { name: `Company ${id}` }, T0);
  await tx.setLeadCompany(ws, id, `co-${id}`, T0);
  await tx.putScore(ws, scoreRow(id, { score: 42, grade: 'A', segment: 'hot' }));
  if (owner !== null) await tx.setLeadOwner(ws, id, owner, T0);
}

export function digestContentContract(makeStore: MakeStore): void {
  describe('digest content', () => {
    const ctx = useContext(makeStore);

    it('lists hand-overs of owned leads made in the period, with traits and score', async () => {
      const { store, ws, other } = ctx();
      for (const [id, owner] of [
        ['a', 'ann@example.com'],
        ['b', 'bob@example.com'],
        ['n', null],
        ['old', 'ann@example.com'],
      ] as const)
        await ownedLead(store, ws, id, owner);
      await store.appendLifecycleEntries(ws, [
        handedOver('a', T0 + 2 * HOUR),
        handedOver('b', T0 + HOUR),
        handedOver('n', T0 + HOUR),
        handedOver('old', T0 - HOUR),
        { ...handedOver('a', T0 + 3 * HOUR), kind: 'accepted', from: 'mql', to: 'sal' },
      ]);
      const listed = await store.listOwnedHandOvers(ws, { from: T0, to: T0 + 24 * HOUR });
      expect(listed).toEqual([
        {
          owner: 'ann@example.com',
          leadId: 'a',
          at: T0 + 2 * HOUR,
          traits: { name: 'Lead a' },
          companyTraits: { name: 'Company a' },
          score: 42,
          grade: 'A',
          segment: 'hot',
        },
        expect.objectContaining({ owner: 'bob@example.com', leadId: 'b', at: T0 + HOUR }),
      ]);
      expect(await store.listOwnedHandOvers(other, { from: T0, to: T0 + 24 * HOUR })).toEqual([]);
    });

    it('lists score entries of owned leads reaching the segments or the grade', async () => {
      const { store, ws, other } = ctx();
      await ownedLead(store, ws, 'a', 'ann@example.com');
      await ownedLead(store, ws, 'b', 'bob@example.com');
      await ownedLead(store, ws, 'n', null);
      const warm = { score: 10, grade: 'B', segment: 'warm', stage: 'mofu' as const };
      await store.appendHistories(ws, [
        history('a', T0 + HOUR, 'hot', 'B', warm),
        history('a', T0 + 2 * HOUR, 'warm', 'B', null),
        history('b', T0 + 3 * HOUR, 'warm', 'A', null),
        history('n', T0 + HOUR, 'hot', 'A', null),
        history('a', T0 - HOUR, 'hot', 'A', null),
      ]);
      const listed = await store.listOwnedScoreEntries(ws, {
        from: T0,
        to: T0 + 24 * HOUR,
        segments: ['hot'],
        grade: 'A',
      });
      expect(listed).toEqual([
        expect.objectContaining({
          owner: 'ann@example.com',
          leadId: 'a',
          at: T0 + HOUR,
          traits: { name: 'Lead a' },
          reached: { segment: 'hot', grade: 'B' },
          before: { segment: 'warm', grade: 'B' },
        }),
        expect.objectContaining({
          owner: 'bob@example.com',
          leadId: 'b',
          reached: { segment: 'warm', grade: 'A' },
          before: null,
        }),
      ]);
      const noGrade = await store.listOwnedScoreEntries(ws, {
        from: T0,
        to: T0 + 24 * HOUR,
        segments: [],
        grade: null,
      });
      expect(noGrade).toEqual([]);
      const none = { from: T0, to: T0 + 24 * HOUR, segments: ['hot'], grade: 'A' };
      expect(await store.listOwnedScoreEntries(other, none)).toEqual([]);
    });

    it('lists owned leads awaiting acceptance since the time or earlier', async () => {
      const { store, ws, other } = ctx();
      for (const id of ['long', 'recent', 'accepted']) await ownedLead(store, ws, id, 'a@x.io');
      await ownedLead(store, ws, 'n', null);
      const mql = (leadId: string, since: number, stage: 'mql' | 'sal' = 'mql') => ({
        leadId,
        stage,
        since,
        handover: { segment: 'hot', at: since },
      });
      await store.putLifecycles(ws, [
        mql('long', T0 - 30 * HOUR),
        mql('recent', T0 - HOUR),
        mql('accepted', T0 - 40 * HOUR, 'sal'),
        mql('n', T0 - 40 * HOUR),
      ]);
      const listed = await store.listOwnedAwaiting(ws, { before: T0 - 24 * HOUR });
      expect(listed).toEqual([
        expect.objectContaining({ owner: 'a@x.io', leadId: 'long', at: T0 - 30 * HOUR }),
      ]);
      expect(await store.listOwnedAwaiting(other, { before: T0 })).toEqual([]);
    });
  });
}

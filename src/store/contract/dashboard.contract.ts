// Contract: what the dashboard reads: per-lead extras, a lead's events newest first, the score
// distribution and funnel counted in SQL, the transitions feed, and guarded key revocation.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, Store } from '../port.js';
import { event, scoreRow, T0, useContext, type MakeStore } from './harness.js';

const entry = (leadId: string, at: number, fields: Partial<HistoryEntry> = {}): HistoryEntry => ({
  leadId,
  at,
  cause: 'event',
  causeRef: `m${at}`,
  modelVersion: 1,
  score: at - T0,
  grade: 'B',
  segment: 'cold',
  stage: 'tofu',
  previous: null,
  ...fields,
});

const key = (store: Store, workspaceId: string, kind: 'admin' | 'write', n: number) =>
  store.addApiKey({
    workspaceId,
    kind,
    hash: `h-${workspaceId}-${n}`,
    prefix: `p${n}`,
    createdAt: T0,
  });

export function dashboardContract(makeStore: MakeStore): void {
  describe('dashboard reads', () => {
    const ctx = useContext(makeStore);

    it('answers owner, tags, latest event time and the last 12 scores of each lead', async () => {
      const { store, ws, other } = ctx();
      await store.setLeadOwner(ws, 'u1', 'ann', T0);
      await store.addLeadTags(ws, 'u1', ['hot', 'webinar'], T0);
      await store.addLeadTags(ws, 'u2', ['cold'], T0);
      await store.insertEvents(ws, [
        event('a', { leadId: 'u1', time: T0 + 50 }),
        event('b', { leadId: 'u1', time: T0 + 20 }),
        event('c', { leadId: 'u2', time: T0 + 5 }),
      ]);
      await store.insertEvent(other, event('d', { leadId: 'u1', time: T0 + 999 }));
      // 15 entries for u1, two at the same time (the later id wins the tie), one for u2.
      const entries = Array.from({ length: 15 }, (_, i) => entry('u1', T0 + i));
      entries.push(entry('u1', T0 + 14, { score: 99 }), entry('u2', T0 + 3));
      await store.appendHistories(ws, entries);
      await store.appendHistory(other, entry('u1', T0 + 100));

      const extras = await store.leadExtras(ws, ['u1', 'u2', 'u3', 'u1']);
      expect(extras.size).toBe(3);
      expect(extras.get('u1')).toEqual({
        owner: 'ann',
        tags: ['hot', 'webinar'],
        lastEventTime: T0 + 50,
        trend: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 99],
      });
      expect(extras.get('u2')).toEqual({
        owner: null,
        tags: ['cold'],
        lastEventTime: T0 + 5,
        trend: [3],
      });
      expect(extras.get('u3')).toEqual({ owner: null, tags: [], lastEventTime: null, trend: [] });
      expect((await store.leadExtras(ws, [])).size).toBe(0);
    });

    it("pages through a lead's events newest first, in (time, seq) order", async () => {
      const { store, ws, other } = ctx();
      const times = [5, 1, 5, 3, 9, 1, 7];
      await store.insertEvents(
        ws,
        times.map((t, i) => event(`m${i}`, { leadId: 'u1', time: T0 + t, payload: { i } })),
      );
      await store.insertEvent(ws, event('x', { leadId: 'u2', time: T0 + 100 }));
      await store.insertEvent(other, event('y', { leadId: 'u1', time: T0 + 100 }));
      const seen: string[] = [];
      let before: { time: number; seq: number } | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.listLeadEvents(ws, 'u1', { limit: 3, before });
        seen.push(...page.map((e) => e.messageId));
        const last = page.at(-1);
        if (page.length < 3 || !last) break;
        before = { time: last.time, seq: last.seq };
      }
      expect(seen).toEqual(['m4', 'm6', 'm2', 'm0', 'm3', 'm5', 'm1']);
      const [newest] = await store.listLeadEvents(ws, 'u1', { limit: 1 });
      expect(newest).toMatchObject({
        messageId: 'm4',
        type: 'track',
        name: 'Webinar Registered',
        time: T0 + 9,
        receivedAt: T0,
        payload: { i: 4 },
      });
      expect(await store.listLeadEvents(ws, 'nobody', { limit: 5 })).toEqual([]);
    });

    it('counts stored scores in bins and per segment, grade and stage, in SQL', async () => {
      const { store, ws, other } = ctx();
      const empty = await store.scoreDistribution(ws, { bins: 4 });
      expect(empty).toEqual({
        total: 0,
        scored: 0,
        min: null,
        max: null,
        bins: [],
        segments: [],
        grades: [],
        stages: [],
      });
      const scores = [0, 10, 25, 49, 50, 75, 99, 100];
      await store.ensureLeads(ws, ['unscored', ...scores.map((_, i) => `u${i}`)], T0);
      await store.putScores(
        ws,
        scores.map((score, i) =>
          scoreRow(`u${i}`, {
            score,
            segment: score >= 50 ? 'hot' : 'cold',
            grade: i === 0 ? null : score >= 50 ? 'A' : 'B',
            stage: score >= 50 ? 'bofu' : 'tofu',
          }),
        ),
      );
      await store.putScore(other, scoreRow('u0', { score: 1000 }));
      const d = await store.scoreDistribution(ws, { bins: 4 });
      expect(d).toMatchObject({ total: 9, scored: 8, min: 0, max: 100 });
      expect(d.bins).toEqual([
        { from: 0, to: 25, count: 2 },
        { from: 25, to: 50, count: 2 },
        { from: 50, to: 75, count: 1 },
        { from: 75, to: 100, count: 3 },
      ]);
      expect(d.segments).toEqual([
        { segment: 'cold', count: 4 },
        { segment: 'hot', count: 4 },
      ]);
      expect(d.grades).toEqual([
        { grade: null, count: 1 },
        { grade: 'A', count: 4 },
        { grade: 'B', count: 3 },
      ]);
      expect(d.stages).toEqual([
        { stage: 'bofu', count: 4 },
        { stage: 'tofu', count: 4 },
      ]);
      const flat = await store.scoreDistribution(other, { bins: 4 });
      expect(flat.bins).toEqual([{ from: 1000, to: 1000, count: 1 }]);
    });

    it('counts leads and customers in all and per scored stage and segment', async () => {
      const { store, ws, other } = ctx();
      await store.ensureLeads(ws, ['a', 'b', 'c', 'd', 'e'], T0);
      await store.putScores(ws, [
        scoreRow('a', { segment: 'hot', stage: 'bofu' }),
        scoreRow('b', { segment: 'hot', stage: 'bofu' }),
        scoreRow('c', { segment: 'cold', stage: 'tofu' }),
      ]);
      const customer = (leadId: string) => ({
        leadId,
        stage: 'customer' as const,
        since: T0,
        handover: null,
      });
      await store.putLifecycles(ws, [
        customer('a'),
        customer('e'),
        { leadId: 'c', stage: 'sql', since: T0, handover: null },
      ]);
      await store.ensureLeads(other, ['a'], T0);
      await store.putLifecycles(other, [customer('a')]);
      const funnel = await store.funnelCounts(ws);
      expect(funnel.leads).toBe(5);
      expect(funnel.converted).toBe(2);
      const byKey = (g: { stage: string; segment: string }) => `${g.stage}/${g.segment}`;
      expect([...funnel.groups].sort((x, y) => (byKey(x) < byKey(y) ? -1 : 1))).toEqual([
        { stage: 'bofu', segment: 'hot', leads: 2, converted: 1 },
        { stage: 'tofu', segment: 'cold', leads: 1, converted: 0 },
      ]);
    });

    it('feeds the changes of segment, grade or stage newest first, page by page', async () => {
      const { store, ws, other } = ctx();
      const snap = (segment: string, grade: string | null, stage: HistoryEntry['stage']) => ({
        score: 1,
        grade,
        segment,
        stage,
      });
      await store.appendHistories(ws, [
        entry('u1', T0 + 1),
        entry('u1', T0 + 2, { previous: snap('cold', 'B', 'tofu') }),
        entry('u1', T0 + 3, { segment: 'hot', previous: snap('cold', 'B', 'tofu') }),
        entry('u2', T0 + 4, { grade: null, previous: snap('cold', 'B', 'tofu') }),
        entry('u2', T0 + 5, { grade: null, previous: snap('cold', null, 'tofu') }),
        entry('u3', T0 + 6, { stage: 'mofu', previous: snap('cold', 'B', 'tofu') }),
      ]);
      await store.appendHistory(other, entry('u9', T0 + 7));
      const first = await store.listTransitions(ws, { limit: 2 });
      expect(first.map((t) => [t.leadId, t.at])).toEqual([
        ['u3', T0 + 6],
        ['u2', T0 + 4],
      ]);
      const rest = await store.listTransitions(ws, { limit: 5, before: first.at(-1)?.id });
      expect(rest.map((t) => [t.leadId, t.at])).toEqual([
        ['u1', T0 + 3],
        ['u1', T0 + 1],
      ]);
      expect(rest[0]).toEqual({
        id: expect.any(Number),
        leadId: 'u1',
        at: T0 + 3,
        cause: 'event',
        causeRef: `m${T0 + 3}`,
        from: snap('cold', 'B', 'tofu'),
        to: { score: 3, grade: 'B', segment: 'hot', stage: 'tofu' },
      });
      expect(rest[1]?.from).toBeNull();
    });

    it('revokes keys but never the last live admin key, even when asked twice at once', async () => {
      const { store, ws } = ctx();
      const admin1 = await key(store, ws, 'admin', 1);
      const admin2 = await key(store, ws, 'admin', 2);
      const write = await key(store, ws, 'write', 3);
      expect(await store.revokeApiKeyKeepingAdmin(ws, 'nope', T0)).toBeUndefined();
      expect(await store.revokeApiKeyKeepingAdmin(ws, write.id, T0 + 1)).toEqual({
        status: 'revoked',
        key: { ...write, revokedAt: T0 + 1 },
      });
      expect(await store.revokeApiKeyKeepingAdmin(ws, write.id, T0 + 2)).toMatchObject({
        status: 'already_revoked',
        key: { revokedAt: T0 + 1 },
      });
      const both = await Promise.all(
        [admin1, admin2].map((k) =>
          store.transaction((tx) => tx.revokeApiKeyKeepingAdmin(ws, k.id, T0 + 3)),
        ),
      );
      expect(both.map((r) => r?.status).sort()).toEqual(['last_admin', 'revoked']);
      const live = (await store.listApiKeys(ws)).filter((k) => k.revokedAt === null);
      expect(live.map((k) => k.kind)).toEqual(['admin']);
    });

    it('filters the lead list by owner', async () => {
      const { store, ws } = ctx();
      await store.ensureLeads(ws, ['u1', 'u2', 'u3'], T0);
      await store.setLeadOwner(ws, 'u1', 'ann', T0);
      await store.setLeadOwner(ws, 'u2', 'bob', T0);
      await store.setLeadOwner(ws, 'u3', 'ann', T0);
      const page = await store.listLeads(ws, {
        owner: 'ann',
        sort: 'updatedAt',
        direction: 'asc',
        limit: 10,
      });
      expect(page.items.map((i) => i.lead.id)).toEqual(['u1', 'u3']);
    });
  });
}

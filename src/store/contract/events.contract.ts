// Contract: the event log: dedupe by messageId, per-lead order, full streaming in pages.
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../port.js';
import { event, T0, useContext, type MakeStore } from './harness.js';

async function collect(stream: AsyncIterable<StoredEvent[]>): Promise<StoredEvent[][]> {
  const batches: StoredEvent[][] = [];
  for await (const batch of stream) batches.push(batch);
  return batches;
}

export function eventsContract(makeStore: MakeStore): void {
  describe('events', () => {
    const ctx = useContext(makeStore);

    it('stores an event once per messageId and answers the stored seq for a duplicate', async () => {
      const { store, ws } = ctx();
      const first = await store.insertEvent(ws, event('m1'));
      expect(first.inserted).toBe(true);
      const again = await store.insertEvent(ws, event('m1', { name: 'Other', time: T0 + 5 }));
      expect(again).toEqual({ inserted: false, seq: first.seq });
      const second = await store.insertEvent(ws, event('m2'));
      expect(second.seq).toBeGreaterThan(first.seq);
      const events = await store.eventsOfLead(ws, 'lead-1');
      expect(events).toHaveLength(2);
      expect(events[0]).toEqual({ ...event('m1'), seq: first.seq });
      expect(await store.countEvents(ws)).toBe(2);
    });

    it('inserts a batch in input order, deduped within it and against stored events', async () => {
      const { store, ws } = ctx();
      const stored = await store.insertEvent(ws, event('old'));
      const results = await store.insertEvents(ws, [
        event('b1', { time: T0 + 1 }),
        event('old'),
        event('b2', { time: T0 + 1 }),
        event('b1', { time: T0 + 9, name: 'Again' }),
        event('b3', { time: T0 + 1 }),
      ]);
      expect(results.map((r) => r.inserted)).toEqual([true, false, true, false, true]);
      expect(results[1]?.seq).toBe(stored.seq);
      expect(results[3]?.seq).toBe(results[0]?.seq);
      const [b1, , b2, , b3] = results.map((r) => r.seq);
      expect((b1 ?? 0) < (b2 ?? 0) && (b2 ?? 0) < (b3 ?? 0)).toBe(true);
      const events = await store.eventsOfLead(ws, 'lead-1');
      expect(events.map((e) => e.messageId)).toEqual(['old', 'b1', 'b2', 'b3']);
      expect(events[1]).toEqual({ ...event('b1', { time: T0 + 1 }), seq: b1 });
      expect(await store.insertEvents(ws, [])).toEqual([]);
    });

    it('answers a lead’s events in time order, equal times in arrival order', async () => {
      const { store, ws } = ctx();
      await store.insertEvent(ws, event('late', { time: T0 + 100 }));
      await store.insertEvent(ws, event('tie-1', { time: T0 + 50 }));
      await store.insertEvent(ws, event('early', { time: T0 }));
      await store.insertEvent(ws, event('tie-2', { time: T0 + 50 }));
      await store.insertEvent(ws, event('someone-else', { leadId: 'lead-2' }));
      const ids = (await store.eventsOfLead(ws, 'lead-1')).map((e) => e.messageId);
      expect(ids).toEqual(['early', 'tie-1', 'tie-2', 'late']);
    });

    it('streams every attributed event exactly once, ordered, across batch boundaries', async () => {
      const { store, ws } = ctx();
      const leads = ['a', 'b', 'b2', 'c'];
      let n = 0;
      await store.transaction(async (tx) => {
        for (let i = 0; i < 23; i++) {
          const leadId = leads[(i * 7) % leads.length] ?? 'a';
          // Few distinct times, so ties on time are broken by seq.
          await tx.insertEvent(ws, event(`m${n++}`, { leadId, time: T0 + (i % 3) }));
        }
        await tx.insertEvent(ws, event('anon', { leadId: null, anonymousId: 'x' }));
      });
      const all = await Promise.all(leads.map((l) => store.eventsOfLead(ws, l)));
      const expected = all.flat().map((e) => e.messageId);
      expect(expected).toHaveLength(23);

      for (const batchSize of [1, 4, 5, 23, 100]) {
        const batches = await collect(store.streamEventsByLead(ws, { batchSize }));
        expect(batches.every((b) => b.length > 0 && b.length <= batchSize)).toBe(true);
        expect(batches.flat().map((e) => e.messageId)).toEqual(expected);
      }
      await store.transaction(async (tx) => {
        const inTx = await collect(tx.streamEventsByLead(ws, { batchSize: 6 }));
        expect(inTx.flat().map((e) => e.messageId)).toEqual(expected);
      });
    });

    it('pages by keyset: next is null after the last page', async () => {
      const { store, ws } = ctx();
      await store.insertEvent(ws, event('m1', { leadId: 'a' }));
      await store.insertEvent(ws, event('m2', { leadId: 'b' }));
      const first = await store.eventsOfLeadsPage(ws, { limit: 2 });
      expect(first.events.map((e) => e.messageId)).toEqual(['m1', 'm2']);
      expect(first.next).toMatchObject({ leadId: 'b', time: T0 });
      const second = await store.eventsOfLeadsPage(ws, { after: first.next, limit: 2 });
      expect(second).toEqual({ events: [], next: null });
      expect((await store.eventsOfLeadsPage(ws, { limit: 3 })).next).toBeNull();
    });

    it('pages scoring rows: chosen types, chosen payload keys exactly, keyset order', async () => {
      const { store, ws } = ctx();
      const properties = {
        path: '/pricing',
        n: 0.1 + 0.2,
        tiny: 1e-300,
        big: 2 ** 60,
        text: 'é \u2028 "quoted" \\ \ud83d\ude00',
        list: [1, 'two', { three: null }],
        nested: { deep: { deeper: true } },
      };
      await store.insertEvents(ws, [
        event('p1', { leadId: 'b', time: T0 + 2, payload: { properties, context: { ip: '1' } } }),
        event('p2', { leadId: 'a', type: 'page', payload: { properties: 'not an object' } }),
        event('p3', { leadId: 'a', type: 'identify', payload: { traits: { x: 1 } } }),
        event('p4', { leadId: 'b', time: T0 + 1, payload: { properties: null, 'odd "key"': 5 } }),
        event('p5', { leadId: null, anonymousId: 'anon', payload: { properties } }),
        event('p6', { leadId: 'b', time: T0 + 1, payload: {} }),
      ]);
      const types = ['track', 'page'] as const;
      const first = await store.scoringEventsPage(ws, {
        limit: 3,
        types,
        payloadKeys: ['properties', 'odd "key"'],
      });
      const seqOf = async (id: string) =>
        (await store.eventsOfLeadsPage(ws, { limit: 10 })).events.find((e) => e.messageId === id)
          ?.seq;
      expect(first.events).toEqual([
        {
          seq: await seqOf('p2'),
          messageId: 'p2',
          leadId: 'a',
          type: 'page',
          name: 'Webinar Registered',
          time: T0,
          payload: { properties: 'not an object' },
        },
        {
          seq: await seqOf('p4'),
          messageId: 'p4',
          leadId: 'b',
          type: 'track',
          name: 'Webinar Registered',
          time: T0 + 1,
          payload: { 'odd "key"': 5 },
        },
        {
          seq: await seqOf('p6'),
          messageId: 'p6',
          leadId: 'b',
          type: 'track',
          name: 'Webinar Registered',
          time: T0 + 1,
          payload: {},
        },
      ]);
      expect(first.next).toMatchObject({ leadId: 'b', time: T0 + 1 });
      const second = await store.scoringEventsPage(ws, {
        after: first.next,
        limit: 3,
        types,
        payloadKeys: ['properties', 'context'],
      });
      expect(second.events.map((e) => [e.messageId, e.payload])).toEqual([
        ['p1', { properties, context: { ip: '1' } }],
      ]);
      expect(second.next).toBeNull();
      const bare = await store.scoringEventsPage(ws, {
        limit: 10,
        types: ['track'],
        payloadKeys: [],
      });
      expect(bare.events.map((e) => [e.messageId, e.payload])).toEqual([
        ['p4', {}],
        ['p6', {}],
        ['p1', {}],
      ]);
      await store.transaction(async (tx) => {
        const inTx = await tx.scoringEventsPage(ws, { limit: 10, types: [], payloadKeys: [] });
        expect(inTx).toEqual({ events: [], next: null });
      });
    });

    it('reads the payload keys only for the named events, names compared as rules do', async () => {
      const { store, ws } = ctx();
      const names = [
        'Page Viewed',
        '  page VIEWED ',
        'Page Viewed!',
        'Email Opened',
        'É Page',
        'Tab\tPage',
      ];
      await store.insertEvents(
        ws,
        names.map((name, i) =>
          event(`n${i}`, { name, time: T0 + i, payload: { properties: { i } } }),
        ),
      );
      const page = await store.scoringEventsPage(ws, {
        limit: 10,
        types: ['track'],
        payloadKeys: ['properties'],
        payloadFor: ['page viewed', 'not stored'],
      });
      // Beyond printable ASCII (é, a tab) the payload always comes.
      expect(page.events.map((e) => [e.name, e.payload])).toEqual([
        ['Page Viewed', { properties: { i: 0 } }],
        ['  page VIEWED ', { properties: { i: 1 } }],
        ['Page Viewed!', {}],
        ['Email Opened', {}],
        ['É Page', { properties: { i: 4 } }],
        ['Tab\tPage', { properties: { i: 5 } }],
      ]);
      const none = await store.scoringEventsPage(ws, {
        limit: 10,
        types: ['track'],
        payloadKeys: ['properties'],
        payloadFor: [],
      });
      const noKeys = await store.scoringEventsPage(ws, {
        limit: 10,
        types: ['track'],
        payloadKeys: [],
        payloadFor: ['page viewed'],
      });
      expect(noKeys.events.map((e) => e.payload)).toEqual([{}, {}, {}, {}, {}, {}]);
      expect(none.events.map((e) => e.payload)).toEqual([
        {},
        {},
        {},
        {},
        { properties: { i: 4 } },
        { properties: { i: 5 } },
      ]);
    });

    it('streams nothing from an empty workspace', async () => {
      const { store, ws } = ctx();
      expect(await collect(store.streamEventsByLead(ws, { batchSize: 10 }))).toEqual([]);
      expect(await store.countEvents(ws)).toBe(0);
    });
  });
}

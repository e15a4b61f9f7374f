// The ingestion queue with its leads in partitions, over real stores: a lead's calls are stored in
// the order they came though runs of other partitions go at once, a call spanning partitions is
// answered with its own outcomes in order once every piece is stored, a visitor linked to a lead
// of another partition is scored as one call at a time would, and a piece that cannot be stored
// fails its own call only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import type { SegmentMessage } from '../src/ingest/segment/index.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { IngestQueue } from '../src/service/ingest/ingest-queue.js';
import { partitionOfLead } from '../src/service/ingest/lead-partition.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';
import { segmentMessages } from './segment-messages.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const AT = new Date(NOW - 3_600_000).toISOString();
const PARTITIONS = 4;
/** Six leads, at least two partitions among them. */
const LEADS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];

async function setup(store: Store) {
  const ws = (await store.createWorkspace('acme', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  return ws;
}

const track = (messageId: string, who: Record<string, string>, event = 'Email Opened') => ({
  type: 'track',
  messageId,
  ...who,
  event,
  timestamp: AT,
});

const one = (raw: Record<string, unknown>) => segmentMessages([raw], NOW);

/** A turn of the event loop: calls submitted after it find earlier runs in flight. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe.each(freshStores())('partitioned ingestion on $name', ({ open }) => {
  it('spreads the leads over partitions', () => {
    expect(new Set(LEADS.map((id) => partitionOfLead(id, PARTITIONS))).size).toBeGreaterThan(1);
  });

  it("stores each lead's calls in the order they came, while runs of other partitions go at once", async () => {
    const store = await open();
    const ws = await setup(store);
    const queue = new IngestQueue(store, new ActiveModels(), { partitions: PARTITIONS });
    const sent: string[][] = LEADS.map(() => []);
    const answers: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      const lead = i % LEADS.length;
      const messageId = `m${i}`;
      sent[lead]!.push(messageId);
      answers.push(queue.submit(ws, one(track(messageId, { userId: LEADS[lead]! })), NOW));
      // Now and then a batch naming every lead: one call cut into pieces.
      if (i % 10 === 9) {
        const batch = LEADS.map((userId, l) => {
          sent[l]!.push(`b${i}-${l}`);
          return track(`b${i}-${l}`, { userId });
        });
        answers.push(queue.submit(ws, segmentMessages(batch, NOW), NOW));
      }
      if (i % 7 === 0) await turn();
    }
    await Promise.all(answers);
    for (const [l, id] of LEADS.entries()) {
      // Same event time for all: a lead's events are in the order they were stored.
      const events = await store.eventsOfLead(ws, id);
      expect(events.map((e) => e.messageId)).toEqual(sent[l]);
    }
  });

  it('answers a call spanning partitions with its own outcomes, in order, once all are stored', async () => {
    const store = await open();
    const ws = await setup(store);
    const queue = new IngestQueue(store, new ActiveModels(), { partitions: PARTITIONS });
    await queue.submit(ws, one(track('seen', { userId: 'u3' })), NOW);
    const first = LEADS.map((userId, l) => track(`a${l}`, { userId }));
    // The second repeats a messageId of the first and one stored before.
    const second = [track('b0', { userId: 'u5' }), first[2]!, track('seen', { userId: 'u3' })];
    const [a, b, c] = await Promise.all([
      queue.submit(ws, segmentMessages(first, NOW), NOW),
      queue.submit(ws, segmentMessages(second, NOW), NOW),
      queue.submit(ws, one(track('c0', { userId: 'u1' })), NOW),
    ]);
    expect(a.map((o) => [o.messageId, o.status])).toEqual(LEADS.map((_, l) => [`a${l}`, 'stored']));
    expect(b.map((o) => [o.messageId, o.status])).toEqual([
      ['b0', 'stored'],
      ['a2', 'duplicate'],
      ['seen', 'duplicate'],
    ]);
    expect(c).toEqual([{ messageId: 'c0', status: 'stored' }]);
    expect(await store.countEvents(ws)).toBe(1 + LEADS.length + 2);
  });

  it('scores a visitor linked to a lead of another partition as one call at a time would', async () => {
    const store = await open();
    const [queued, alone] = [await setup(store), await setup(store)];
    // A visitor whose own partition differs from its lead's.
    const visitor = ['v0', 'v1', 'v2', 'v3', 'v4'].find(
      (v) => partitionOfLead(v, PARTITIONS) !== partitionOfLead('u1', PARTITIONS),
    )!;
    const calls = [
      track('t1', { anonymousId: visitor }, 'Demo Requested'),
      track('t2', { userId: 'u2' }),
      {
        type: 'identify',
        messageId: 'i1',
        userId: 'u1',
        anonymousId: visitor,
        traits: { title: 'VP Marketing' },
        timestamp: AT,
      },
      track('t3', { anonymousId: visitor }, 'Asset Downloaded'),
      track('t4', { userId: 'u1', anonymousId: visitor }),
    ].map((raw) => one(raw));
    const queue = new IngestQueue(store, new ActiveModels(), { partitions: PARTITIONS });
    const outcomes = await Promise.all(calls.map((call) => queue.submit(queued, call, NOW)));
    const models = new ActiveModels();
    const expected = [];
    for (const call of calls) expected.push(await ingestMessages(store, models, alone, call, NOW));
    expect(outcomes).toEqual(expected);
    for (const ws of [queued, alone]) expect(await store.resolveIdentity(ws, visitor)).toBe('u1');
    const of = async (ws: string, id: string) => ({
      events: (await store.eventsOfLead(ws, id)).map((e) => e.messageId),
      score: (await store.getScore(ws, id))?.score,
      history: (await store.listHistory(ws, id, { limit: 100 })).map((h) => [h.cause, h.score]),
    });
    for (const id of ['u1', 'u2']) expect(await of(queued, id)).toEqual(await of(alone, id));
    expect((await of(queued, 'u1')).events).toEqual(['t1', 'i1', 't3', 't4']);
  });

  it("scores a company from every contact's committed score when runs of two partitions score them at once", async () => {
    const store = await open();
    const [queued, alone] = [await setup(store), await setup(store)];
    // Two contacts of one company, in different partitions.
    const [a, b] = ['u0', ...LEADS].filter(
      (id, i, all) =>
        i === 0 || partitionOfLead(id, PARTITIONS) !== partitionOfLead(all[0]!, PARTITIONS),
    );
    const joins = [a!, b!].map((userId) =>
      one({
        type: 'group',
        messageId: `g-${userId}`,
        userId,
        groupId: 'acme',
        traits: { employees: 500, industry: 'software' },
        timestamp: AT,
      }),
    );
    const events = ['Demo Requested', 'Webinar Registered', 'Asset Downloaded', 'Email Opened'];
    const rounds = events.flatMap((event, r) =>
      [a!, b!].map((userId) => one(track(`${r}-${userId}`, { userId }, event))),
    );
    const queue = new IngestQueue(store, new ActiveModels(), { partitions: PARTITIONS });
    for (const call of joins) await queue.submit(queued, call, NOW);
    // Each round's two calls at once: one run in each partition.
    for (let r = 0; r < rounds.length; r += 2)
      await Promise.all(rounds.slice(r, r + 2).map((call) => queue.submit(queued, call, NOW)));
    const models = new ActiveModels();
    for (const call of [...joins, ...rounds]) await ingestMessages(store, models, alone, call, NOW);
    const account = async (ws: string) => {
      const score = await store.getAccountScore(ws, 'acme');
      return score && { score: score.score, contacts: score.contacts, segment: score.segment };
    };
    expect(await account(alone)).toBeDefined();
    expect(await account(queued)).toEqual(await account(alone));
  });

  it('fails only the call of a piece that cannot be stored, in whatever partition', async () => {
    const store = await open();
    const ws = await setup(store);
    const queue = new IngestQueue(store, new ActiveModels(), { partitions: PARTITIONS });
    // A payload that cannot be stored (a BigInt has no JSON form): the insert throws.
    const [broken] = one(track('bad', { userId: 'u2' }));
    const bad = { ...broken!, raw: { ...broken!.raw, size: 10n } } as SegmentMessage;
    const batch = [...segmentMessages([track('x1', { userId: 'u1' })], NOW), bad];
    const others = LEADS.map((userId, l) => one(track(`o${l}`, { userId })));

    const results = await Promise.allSettled([
      queue.submit(ws, batch, NOW),
      ...others.map((call) => queue.submit(ws, call, NOW)),
    ]);

    expect(results.map((r) => r.status)).toEqual(['rejected', ...others.map(() => 'fulfilled')]);
    for (const r of results.slice(1))
      if (r.status === 'fulfilled') expect(r.value[0]!.status).toBe('stored');
    // The other piece of the failed call may be stored: a retry of the call finds it a duplicate.
    const retried = await queue.submit(ws, batch.slice(0, 1), NOW);
    expect(['stored', 'duplicate']).toContain(retried[0]!.status);
    expect(await store.countEvents(ws)).toBe(LEADS.length + 1);
  });
});

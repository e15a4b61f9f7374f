// Two ingestion queues (two servers) on one database, ingesting calls of the same leads at once:
// their runs may share leads (partitions are per process), the lead locks keep them apart, and
// the outcome is that of taking the calls one at a time: the same scores, histories and links, and each
// server's calls of a lead stored in the order it got them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { IngestQueue } from '../src/service/ingest/ingest-queue.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';
import { segmentMessages } from './segment-messages.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const AT = new Date(NOW - 3_600_000).toISOString();
const PARTITIONS = 2;
const LEADS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];

async function setup(store: Store) {
  const ws = (await store.createWorkspace('acme', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  return ws;
}

/**
 * One event name for all and no traits: each call adds the same to its lead's score, so the scores
 * go the same way whichever server's call of a lead comes first.
 */
const track = (messageId: string, who: Record<string, string>) => ({
  type: 'track',
  messageId,
  ...who,
  event: 'Email Opened',
  timestamp: AT,
});

/**
 * Server `s`'s calls: single calls and batches over the leads both servers get, and visitors
 * linked by identifies to leads of its own (a merge is recorded whatever the score, so where it
 * falls among the other server's calls would change a shared lead's history).
 */
function callsOf(s: string) {
  const calls: Record<string, unknown>[][] = [];
  for (let i = 0; i < 30; i++) {
    const lead = LEADS[(i * 3) % LEADS.length]!;
    calls.push([track(`${s}-t${i}`, { userId: lead })]);
    if (i % 6 === 5) calls.push(LEADS.map((userId, l) => track(`${s}-b${i}-${l}`, { userId })));
    if (i % 10 === 0) {
      const visitor = `${s}-v${i}`;
      const own = `${s}-x${i}`;
      calls.push([track(`${s}-a${i}`, { anonymousId: visitor })]);
      calls.push([
        {
          type: 'identify',
          messageId: `${s}-i${i}`,
          userId: own,
          anonymousId: visitor,
          timestamp: AT,
        },
      ]);
      calls.push([track(`${s}-a${i}-after`, { anonymousId: visitor })]);
      calls.push([track(`${s}-x${i}-own`, { userId: own })]);
    }
  }
  return calls.map((raw) => segmentMessages(raw, NOW));
}

/** A turn of the event loop: calls submitted after it find earlier runs in flight. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe.each(freshStores())('two servers ingesting on one $name database', ({ openShared }) => {
  it('scores and keeps each lead as one call at a time would, in each server’s order', async () => {
    const shared = await openShared();
    const stores = [shared.store, shared.another()];
    const ws = await setup(shared.store);
    const alone = await setup(shared.store);
    const calls = [callsOf('a'), callsOf('b')];
    const queues = stores.map(
      (store) => new IngestQueue(store, new ActiveModels(), { partitions: PARTITIONS }),
    );
    const answers = await Promise.all(
      queues.map(async (queue, s) => {
        const pending: Promise<unknown>[] = [];
        for (const [i, call] of calls[s]!.entries()) {
          pending.push(queue.submit(ws, call, NOW));
          if (i % 4 === 3) await turn();
        }
        return Promise.all(pending);
      }),
    );
    expect(answers.flat(2).every((o) => (o as { status: string }).status === 'stored')).toBe(true);

    const models = new ActiveModels();
    for (const call of calls.flat()) await ingestMessages(shared.store, models, alone, call, NOW);

    const store = shared.store;
    expect(await store.countEvents(ws)).toBe(await store.countEvents(alone));
    const of = async (w: string, id: string) => ({
      score: (await store.getScore(w, id))?.score,
      history: (await store.listHistory(w, id, { limit: 1000 })).map((h) =>
        // Which server's call moved a shared lead depends on the order the two came in.
        LEADS.includes(id) ? [h.cause, h.score] : [h.cause, h.causeRef, h.score, h.segment],
      ),
      events: (await store.eventsOfLead(w, id)).length,
      traits: (await store.getLead(w, id))?.traits,
    });
    const own = ['a', 'b'].flatMap((s) => [0, 10, 20].map((i) => `${s}-x${i}`));
    for (const id of own) expect(await of(ws, id)).toEqual(await of(alone, id));
    for (const id of LEADS) {
      expect(await of(ws, id)).toEqual(await of(alone, id));
      // Each server's calls of the lead in the order that server got them.
      const stored = (await store.eventsOfLead(ws, id)).map((e) => e.messageId);
      for (const s of ['a', 'b']) {
        const sent = calls[s === 'a' ? 0 : 1]!.flat()
          .map((m) => m.messageId!)
          .filter((m) => stored.includes(m));
        expect(stored.filter((m) => m.startsWith(`${s}-`))).toEqual(sent);
      }
    }
    for (const s of ['a', 'b'])
      for (const i of [0, 10, 20])
        expect(await store.resolveIdentity(ws, `${s}-v${i}`)).toBe(`${s}-x${i}`);
  });
});

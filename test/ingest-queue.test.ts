// The ingestion queue over real stores: concurrent calls of a workspace share transactions (one
// per partition of its leads), each caller hears about its own messages only, a lead's calls are
// stored in the order they came, the outcome equals taking the calls one at a time, and one call
// that breaks a shared run does not take the others down with it.
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
const EVENTS = ['Email Opened', 'Asset Downloaded', 'Webinar Registered', 'Demo Requested'];

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const ws = (await store.createWorkspace('acme', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  return { store, ws };
}

/** The store, counting the transactions it was asked for. */
function counted(store: Store): { store: Store; transactions: () => number } {
  let n = 0;
  const wrapped: Store = {
    ...store,
    transaction: (fn) => {
      n++;
      return store.transaction(fn);
    },
  };
  return { store: wrapped, transactions: () => n };
}

/** Call i: one track call (or, every fifth, an identify) of one of eight leads. */
function call(i: number): SegmentMessage[] {
  const userId = `u${i % 8}`;
  const timestamp = new Date(NOW - (40 - i) * 3_600_000).toISOString();
  const raw =
    i % 5 === 0
      ? {
          type: 'identify',
          messageId: `m${i}`,
          userId,
          traits: { title: 'VP Marketing' },
          timestamp,
        }
      : { type: 'track', messageId: `m${i}`, userId, event: EVENTS[i % EVENTS.length], timestamp };
  return segmentMessages([raw], NOW);
}

describe.each(freshStores())('IngestQueue on $name', ({ open }) => {
  it.each([1, 4])(
    'stores concurrent calls in shared transactions (%i partitions), equal to taking them one at a time',
    async (partitions) => {
      const shared = await setup(open);
      const { store, transactions } = counted(shared.store);
      const queue = new IngestQueue(store, new ActiveModels(), { partitions });
      const calls = Array.from({ length: 40 }, (_, i) => call(i));
      // A retry of call 3 arrives among the others: stored once, the second one a duplicate.
      calls.push(call(3));

      const outcomes = await Promise.all(
        calls.map((messages) => queue.submit(shared.ws, messages, NOW)),
      );

      // All 41 calls arrived in one turn of the event loop: one shared run per partition of the
      // eight leads.
      const used = new Set(
        Array.from({ length: 8 }, (_, u) => partitionOfLead(`u${u}`, partitions)),
      );
      expect(transactions()).toBe(used.size);
      outcomes.forEach((outcome, i) => {
        expect(outcome).toHaveLength(1);
        expect(outcome[0]!.messageId).toBe(calls[i]![0]!.messageId);
      });
      expect(outcomes.slice(0, 40).every((o) => o[0]!.status === 'stored')).toBe(true);
      expect(outcomes[40]![0]!.status).toBe('duplicate');

      // The same calls one at a time, into a store of their own.
      const alone = await setup(open);
      const models = new ActiveModels();
      for (const messages of calls)
        await ingestMessages(alone.store, models, alone.ws, messages, NOW);
      for (let u = 0; u < 8; u++) {
        const a = await shared.store.getScore(shared.ws, `u${u}`);
        const b = await alone.store.getScore(alone.ws, `u${u}`);
        expect(a).toBeDefined();
        expect(a?.score).toBeCloseTo(b!.score, 9);
        expect([a?.grade, a?.segment, a?.stage]).toEqual([b?.grade, b?.segment, b?.stage]);
        const history = (s: Store, ws: string) =>
          s
            .listHistory(ws, `u${u}`, { limit: 100 })
            .then((h) => h.map((e) => [e.score, e.segment]));
        expect(await history(shared.store, shared.ws)).toEqual(
          await history(alone.store, alone.ws),
        );
      }
      expect(await shared.store.countEvents(shared.ws)).toBe(40);
    },
  );

  it('takes at most maxMessages messages in one run, and a larger call alone', async () => {
    const shared = await setup(open);
    const { store, transactions } = counted(shared.store);
    const queue = new IngestQueue(store, new ActiveModels(), {
      maxMessages: 10,
      partitions: 1,
      runsPerPartition: 1,
    });
    const batches = Array.from({ length: 6 }, (_, b) =>
      Array.from({ length: 4 }, (_, i) => call(b * 4 + i)[0]!),
    );
    const big = Array.from({ length: 12 }, (_, i) => call(100 + i)[0]!);

    const outcomes = await Promise.all(
      [...batches, big].map((messages) => queue.submit(shared.ws, messages, NOW)),
    );

    // Four-message calls two at a time (8 <= 10 < 12), then the twelve alone: 3 + 1 runs.
    expect(transactions()).toBe(4);
    expect(outcomes.map((o) => o.length)).toEqual([4, 4, 4, 4, 4, 4, 12]);
    expect(await shared.store.countEvents(shared.ws)).toBe(36);
  });

  it('when one call breaks the shared run, tries every call alone: only that one fails', async () => {
    const { store, ws } = await setup(open);
    const queue = new IngestQueue(store, new ActiveModels());
    const good = [call(1), call(2), call(4)];
    // A payload that cannot be stored (a BigInt has no JSON form): the insert throws.
    const [broken] = call(6);
    const bad = [{ ...broken!, raw: { ...broken!.raw, size: 10n } } as SegmentMessage];

    const results = await Promise.allSettled(
      [good[0]!, bad, good[1]!, good[2]!].map((messages) => queue.submit(ws, messages, NOW)),
    );

    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    for (const r of results)
      if (r.status === 'fulfilled') expect(r.value[0]!.status).toBe('stored');
    expect(await store.countEvents(ws)).toBe(3);
  });
});

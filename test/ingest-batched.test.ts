// A batch of calls is stored and scored with set-based statements; this holds it to the plain
// meaning: the same scores, outcomes and history entries as taking the calls one at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages as messages } from './segment-messages.js';
import { ROOT } from './run-cli.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const LEADS = ['u1', 'u2', 'u3'];
const EVENTS = [
  'Email Opened',
  'Email Link Clicked',
  'Asset Downloaded',
  'Email Bounced',
  'Demo Requested',
];

/** Calls of three leads: tracks and pages at any time in 60 days (so late and capped ones),
 * repeated messageIds, an identify now and then, and calls of an anonymous visitor. */
const callArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('track'),
      messageId: fc.integer({ min: 1, max: 40 }).map((n) => `m${n}`),
      userId: fc.constantFrom(...LEADS),
      event: fc.constantFrom(...EVENTS),
      daysAgo: fc.integer({ min: 0, max: 60 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('page'),
      messageId: fc.integer({ min: 41, max: 60 }).map((n) => `p${n}`),
      userId: fc.constantFrom(...LEADS),
      name: fc.constantFrom('Pricing', 'Blog'),
      daysAgo: fc.integer({ min: 0, max: 60 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('identify'),
      messageId: fc.integer({ min: 61, max: 70 }).map((n) => `i${n}`),
      userId: fc.constantFrom(...LEADS),
      title: fc.constantFrom('VP Marketing', 'Intern', 'CTO'),
      daysAgo: fc.constant(0),
    }),
  },
);

function toCall(c: Record<string, unknown>) {
  const { daysAgo, title, name, ...rest } = c;
  const timestamp = new Date(NOW - Number(daysAgo) * 86_400_000).toISOString();
  if (c.type === 'identify') return { ...rest, timestamp, traits: { title } };
  if (c.type === 'page') return { ...rest, timestamp, name, properties: { path: '/pricing' } };
  return { ...rest, timestamp };
}

async function workspace(store: Store) {
  const ws = (await store.createWorkspace('w', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  return ws;
}

async function snapshot(store: Store, ws: string) {
  return Promise.all(
    LEADS.map(async (id) => ({
      score: await store.getScore(ws, id),
      history: await store.listHistory(ws, id, { limit: 1000 }),
    })),
  );
}

describe.each(freshStores())('batched ingestion on $name', ({ open }) => {
  it('equals ingesting the calls one at a time: outcomes, scores, history', async () => {
    const store = await open();
    const models = new ActiveModels();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(callArb, { minLength: 1, maxLength: 25 }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (requests) => {
          const [batched, single] = [await workspace(store), await workspace(store)];
          const batchedOutcomes = [];
          const singleOutcomes = [];
          for (const request of requests) {
            const calls = messages(request.map(toCall), NOW);
            batchedOutcomes.push(...(await ingestMessages(store, models, batched, calls, NOW)));
            for (const call of calls)
              singleOutcomes.push(...(await ingestMessages(store, models, single, [call], NOW)));
          }
          expect(batchedOutcomes).toEqual(singleOutcomes);
          const [a, b] = [await snapshot(store, batched), await snapshot(store, single)];
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 40, seed: 20261123 },
    );
  });
});

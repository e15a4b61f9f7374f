// A batch of calls is stored and scored with set-based statements; this holds it to the plain
// meaning: the same scores, outcomes and history entries as taking the calls one at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { NOTIFICATION_TYPES, type Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages as messages } from './segment-messages.js';
import { ROOT } from './run-cli.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const LEADS = ['u1', 'u2', 'u3'];
const COMPANIES = ['c1', 'c2'];
const EVENTS = [
  'Email Opened',
  'Email Link Clicked',
  'Asset Downloaded',
  'Email Bounced',
  'Demo Requested',
];

/** Calls of three leads: tracks and pages at any time in 60 days (so late and capped ones),
 * repeated messageIds, an identify or a group call (two companies) now and then. */
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
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('group'),
      messageId: fc.integer({ min: 71, max: 80 }).map((n) => `g${n}`),
      userId: fc.constantFrom(...LEADS),
      groupId: fc.constantFrom(...COMPANIES),
      employees: fc.constantFrom(30, 120, 500),
      industry: fc.constantFrom('software', 'retail'),
      daysAgo: fc.constant(0),
    }),
  },
);

function toCall(c: Record<string, unknown>) {
  const { daysAgo, title, name, employees, industry, ...rest } = c;
  const timestamp = new Date(NOW - Number(daysAgo) * 86_400_000).toISOString();
  if (c.type === 'identify') return { ...rest, timestamp, traits: { title } };
  if (c.type === 'group') return { ...rest, timestamp, traits: { employees, industry } };
  if (c.type === 'page') return { ...rest, timestamp, name, properties: { path: '/pricing' } };
  return { ...rest, timestamp };
}

async function workspace(store: Store) {
  const ws = (await store.createWorkspace('w', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  // Every notification the transitions and segment actions call for lands in its outbox.
  const hook = await store.createWebhook(
    ws,
    {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: [...NOTIFICATION_TYPES],
      secret: 'whsec_dGVzdA==',
    },
    NOW,
  );
  return { ws, hook: hook.id };
}

/** What the calls left: account scores; lead scores, history, owners and tags, lifecycles;
 * notifications in order. */
async function snapshot(store: Store, { ws, hook }: { ws: string; hook: string }) {
  const leads = await Promise.all(
    LEADS.map(async (id) => ({
      score: await store.getScore(ws, id),
      history: await store.listHistory(ws, id, { limit: 1000 }),
      routing: await store.getLeadRouting(ws, id),
      lifecycle: await store.listLifecycleEntries(ws, id, { limit: 1000 }),
    })),
  );
  const page = await store.listWebhookDeliveries(ws, hook, { limit: 1000 });
  const notifications = await Promise.all(
    page.items.map(async (d) => {
      const detail = await store.getWebhookDelivery(ws, hook, d.id);
      return { type: d.type, leadId: d.leadId, data: detail?.data };
    }),
  );
  const accounts = await Promise.all(COMPANIES.map((id) => store.getAccountScore(ws, id)));
  return {
    accounts,
    leads: leads.map((l) => ({
      ...l,
      lifecycle: l.lifecycle.map(({ seq: _seq, ...entry }) => entry),
    })),
    // Delivered in order per lead (each lead is its own lane); leads may interleave differently.
    notifications: LEADS.map((id) => notifications.filter((n) => n.leadId === id)),
  };
}

describe.each(freshStores())('batched ingestion on $name', ({ open }) => {
  it('equals ingesting the calls one at a time: outcomes, scores, history, actions, notifications', async () => {
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
            batchedOutcomes.push(...(await ingestMessages(store, models, batched.ws, calls, NOW)));
            for (const call of calls)
              singleOutcomes.push(...(await ingestMessages(store, models, single.ws, [call], NOW)));
          }
          expect(batchedOutcomes).toEqual(singleOutcomes);
          const [a, b] = [await snapshot(store, batched), await snapshot(store, single)];
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 40, seed: 20261123 },
    );
  });
  /** The calls in one run and, in a second workspace, one at a time: the same outcome. */
  async function sameAsOneAtATime(store: Store, before: unknown[], run: unknown[]) {
    const models = new ActiveModels();
    const [batched, single] = [await workspace(store), await workspace(store)];
    for (const w of [batched, single])
      for (const call of messages(before, NOW))
        await ingestMessages(store, models, w.ws, [call], NOW);
    const calls = messages(run, NOW);
    const outcomes = await ingestMessages(store, models, batched.ws, calls, NOW);
    const singleOutcomes = [];
    for (const call of calls)
      singleOutcomes.push(...(await ingestMessages(store, models, single.ws, [call], NOW)));
    expect(outcomes).toEqual(singleOutcomes);
    const [a, b] = [await snapshot(store, batched), await snapshot(store, single)];
    expect(a).toEqual(b);
    return a;
  }

  it('hands leads over in the order the calls came, across leads', async () => {
    const store = await open();
    const at = new Date(NOW).toISOString();
    const after = await sameAsOneAtATime(
      store,
      [],
      [
        { type: 'track', messageId: 'a', userId: 'u1', event: 'Email Opened', timestamp: at },
        { type: 'track', messageId: 'b', userId: 'u3', event: 'Demo Requested', timestamp: at },
        { type: 'track', messageId: 'c', userId: 'u1', event: 'Demo Requested', timestamp: at },
      ],
    );
    // Both were handed over, to different owners (the round-robin took u3 first).
    const owners = after.leads.map((l) => l.routing?.owner ?? null);
    expect(owners[0]).not.toBeNull();
    expect(owners[2]).not.toBeNull();
    expect(owners[0]).not.toEqual(owners[2]);
  });

  it('takes an identify of a visitor already linked to the lead into the run', async () => {
    const store = await open();
    const at = new Date(NOW).toISOString();
    const after = await sameAsOneAtATime(
      store,
      [{ type: 'identify', messageId: 'link', userId: 'u2', anonymousId: 'v2', timestamp: at }],
      [
        {
          type: 'track',
          messageId: 't1',
          anonymousId: 'v2',
          event: 'Demo Requested',
          timestamp: at,
        },
        {
          type: 'identify',
          messageId: 'i1',
          userId: 'u2',
          anonymousId: 'v2',
          traits: { title: 'VP Marketing' },
          timestamp: at,
        },
        { type: 'track', messageId: 't2', userId: 'u2', event: 'Asset Downloaded', timestamp: at },
      ],
    );
    expect(after.leads[1]!.score?.state.fit).toBeGreaterThan(0);
  });
});

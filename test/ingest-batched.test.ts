// A batch of calls is stored and scored with set-based statements; this holds it to the plain
// meaning: the same scores, outcomes and history entries as taking the calls one at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { IngestQueue } from '../src/service/ingest/ingest-queue.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { NOTIFICATION_TYPES, type Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages as messages } from './segment-messages.js';
import { ROOT } from './run-cli.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const LEADS = ['u1', 'u2', 'u3'];
const COMPANIES = ['c1', 'c2'];
const VISITORS = ['v1', 'v2', 'v3'];
/** Whom the mixed calls name: leads, visitors (as leads too: none may become one) and companies. */
const everything = {
  leads: [...LEADS, ...VISITORS],
  visitors: VISITORS,
  companies: [...COMPANIES, 'c3'],
};
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

/** Who a call names: a lead, a visitor, or both (an identify of both links the visitor). */
const whoArb = fc.oneof(
  fc.record({ userId: fc.constantFrom(...LEADS) }),
  fc.record({ anonymousId: fc.constantFrom(...VISITORS) }),
  fc.record({ userId: fc.constantFrom(...LEADS), anonymousId: fc.constantFrom(...VISITORS) }),
);

/** A messageId of the call's own kind, or now and then one any kind may repeat. */
const idArb = (prefix: string, max: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max }).map((n) => `${prefix}${n}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => `any${n}`) },
  );

/** Every kind of call, of leads and of visitors: tracks and pages (purchases among them) at any
 * time in 60 days, identifies that link visitors (or only set traits, or name no lead), aliases,
 * group calls of known leads and of nobody known yet, repeated messageIds across kinds. */
const mixedCallArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('track'),
      messageId: idArb('m', 40),
      who: whoArb,
      event: fc.constantFrom(...EVENTS, 'Order Completed'),
      daysAgo: fc.integer({ min: 0, max: 60 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('page'),
      messageId: idArb('p', 20),
      who: whoArb,
      name: fc.constantFrom('Pricing', 'Blog'),
      daysAgo: fc.integer({ min: 0, max: 60 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('identify'),
      messageId: idArb('i', 6),
      who: whoArb,
      title: fc.constantFrom('VP Marketing', 'Intern', 'CTO'),
      daysAgo: fc.constant(0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('group'),
      messageId: idArb('g', 10),
      who: whoArb,
      groupId: fc.constantFrom(...COMPANIES, 'c3'),
      employees: fc.constantFrom(30, 120, 500),
      industry: fc.constantFrom('software', 'retail'),
      daysAgo: fc.constant(0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('alias'),
      messageId: idArb('a', 4),
      who: fc.record({ userId: fc.constantFrom(...LEADS) }),
      previousId: fc.constantFrom(...VISITORS),
      daysAgo: fc.constant(0),
    }),
  },
);

const mixedCall = ({ who, ...c }: Record<string, unknown>) => {
  const call = toCall({ ...c, ...(who as object) });
  if (c.event !== 'Order Completed') return call;
  return { ...call, properties: { revenue: 1200, currency: 'usd' } };
};

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
 * notifications in order. With `more`, also the leads' records, the visitors' links and the
 * stored events: each lead's in its (time, seq) order and all of them in seq order. */
async function snapshot(
  store: Store,
  { ws, hook }: { ws: string; hook: string },
  more?: { leads: readonly string[]; visitors: readonly string[]; companies: readonly string[] },
) {
  const leadIds = more?.leads ?? LEADS;
  const leads = await Promise.all(
    leadIds.map(async (id) => ({
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
  const accounts = await Promise.all(
    (more?.companies ?? COMPANIES).map((id) => store.getAccountScore(ws, id)),
  );
  return {
    accounts,
    leads: leads.map((l) => ({
      ...l,
      lifecycle: l.lifecycle.map(({ seq: _seq, ...entry }) => entry),
    })),
    // Delivered in order per lead (each lead is its own lane); leads may interleave differently.
    notifications: leadIds.map((id) => notifications.filter((n) => n.leadId === id)),
    ...(more && (await storedCalls(store, ws, more))),
  };
}

/** The leads' records and events, the visitors' links, every call stored (seq replaced by rank). */
async function storedCalls(
  store: Store,
  ws: string,
  {
    leads,
    visitors,
    companies,
  }: { leads: readonly string[]; visitors: readonly string[]; companies: readonly string[] },
) {
  const events = await Promise.all(leads.map((id) => store.eventsOfLead(ws, id)));
  const inSeqOrder = events
    .flat()
    .sort((a, b) => a.seq - b.seq)
    .map((e) => `${e.messageId}>${e.leadId}`);
  return {
    records: await Promise.all(leads.map((id) => store.getLead(ws, id))),
    companyRecords: await Promise.all(companies.map((id) => store.getCompany(ws, id))),
    links: await Promise.all(visitors.map((id) => store.resolveIdentity(ws, id))),
    events: events.map((list) => list.map(({ seq: _seq, ...e }) => e)),
    inSeqOrder,
    // Unattributed calls (of visitors never linked) are stored too.
    count: await store.countEvents(ws),
  };
}

/** The snapshot without the order of all calls, every owner replaced by `?`, and the owners it
 * named, sorted. */
function acrossPartitions(snap: object) {
  const owners: unknown[] = [];
  const rest: unknown = JSON.parse(JSON.stringify(snap), (key, value: unknown) => {
    if (key === 'inSeqOrder') return undefined;
    if (key !== 'owner') return value;
    owners.push(value);
    return '?';
  });
  return { rest, owners: owners.map(String).sort() };
}

describe.each(freshStores())('batched ingestion on $name', ({ name, open }) => {
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
  it('equals one call at a time for every kind of call, whole or in chunks: links, aliases, first group calls, purchases', async () => {
    const store = await open();
    const models = new ActiveModels();
    await fc.assert(
      fc.asyncProperty(
        fc.array(mixedCallArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 40, maxLength: 40 }),
        async (drawn, sizes) => {
          const calls = messages(drawn.map(mixedCall), NOW);
          const [single, whole, chunked, partitioned] = [
            await workspace(store),
            await workspace(store),
            await workspace(store),
            await workspace(store),
          ];
          const outcomes: Record<string, unknown[]> = { single: [], whole: [], chunked: [] };
          for (const call of calls)
            outcomes.single!.push(...(await ingestMessages(store, models, single.ws, [call], NOW)));
          outcomes.whole = await ingestMessages(store, models, whole.ws, calls, NOW);
          for (let from = 0, i = 0; from < calls.length; from += sizes[i++]!) {
            const chunk = calls.slice(from, from + sizes[i]!);
            outcomes.chunked!.push(
              ...(await ingestMessages(store, models, chunked.ws, chunk, NOW)),
            );
          }
          // The chunks as concurrent calls of one queue, cut into pieces by partition.
          const queue = new IngestQueue(store, models, { partitions: 3 });
          const answers = [];
          for (let from = 0, i = 0; from < calls.length; from += sizes[i++]!)
            answers.push(queue.submit(partitioned.ws, calls.slice(from, from + sizes[i]!), NOW));
          outcomes.partitioned = (await Promise.all(answers)).flat();
          expect(outcomes.whole).toEqual(outcomes.single);
          expect(outcomes.chunked).toEqual(outcomes.single);
          expect(outcomes.partitioned).toEqual(outcomes.single);
          const expected = await snapshot(store, single, everything);
          expect(await snapshot(store, whole, everything)).toEqual(expected);
          expect(await snapshot(store, chunked, everything)).toEqual(expected);
          // Across partitions the calls are stored in the order their runs commit, not the
          // order they came (each lead's calls keep theirs), and hand-overs in that order take
          // their owners round-robin: the same owners, maybe to other leads.
          expect(acrossPartitions(await snapshot(store, partitioned, everything))).toEqual(
            acrossPartitions(expected),
          );
        },
      ),
      // The logic is the same on both stores: PostgreSQL, slower, checks its dialect on fewer.
      { numRuns: name === 'sqlite' ? 60 : 15, seed: 20261207 },
    );
  }, 120_000);

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
    const [a, b] = [
      await snapshot(store, batched, everything),
      await snapshot(store, single, everything),
    ];
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
  it('links nothing on a repeated identify: later calls of its visitor go to the lead it is linked to', async () => {
    const store = await open();
    const at = new Date(NOW).toISOString();
    const identify = (messageId: string, userId: string) => ({
      type: 'identify',
      messageId,
      userId,
      anonymousId: 'v1',
      traits: { title: 'CTO' },
      timestamp: at,
    });
    const visit = (messageId: string) => ({
      type: 'track',
      messageId,
      anonymousId: 'v1',
      event: 'Demo Requested',
      timestamp: at,
    });
    const after = await sameAsOneAtATime(
      store,
      [visit('t0'), identify('first', 'u1'), identify('second', 'u2')],
      [visit('t1'), identify('first', 'u1'), visit('t2'), identify('third', 'u3'), visit('t3')],
    );
    expect(after.links).toEqual(['u3', undefined, undefined]);
    expect(after.events!.map((events) => events.map((e) => e.messageId))).toEqual([
      ['t0', 'first'],
      ['second', 't1', 't2'],
      ['third', 't3'],
      [],
      [],
      [],
    ]);
  });

  it('scores a lead once a visitor is linked to it, in the run that links it', async () => {
    const store = await open();
    const at = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
    const after = await sameAsOneAtATime(
      store,
      [
        {
          type: 'track',
          messageId: 'old',
          anonymousId: 'v2',
          event: 'Demo Requested',
          timestamp: at(3),
        },
      ],
      [
        { type: 'page', messageId: 'p', anonymousId: 'v2', name: 'Pricing', timestamp: at(2) },
        {
          type: 'group',
          messageId: 'g',
          anonymousId: 'v2',
          groupId: 'c3',
          traits: { employees: 500 },
          timestamp: at(0),
        },
        { type: 'alias', messageId: 'a', previousId: 'v2', userId: 'u2', timestamp: at(0) },
        {
          type: 'track',
          messageId: 't',
          anonymousId: 'v2',
          event: 'Order Completed',
          properties: { revenue: 99 },
          timestamp: at(1),
        },
        {
          type: 'group',
          messageId: 'g2',
          anonymousId: 'v2',
          groupId: 'c3',
          traits: { industry: 'software' },
          timestamp: at(0),
        },
      ],
    );
    const u2 = after.leads[1]!;
    expect(u2.history.map((h) => [h.cause, h.causeRef])).toEqual([
      ['traits', 'g2'],
      ['merge', 'a'],
    ]);
    expect(u2.lifecycle.map((l) => l.kind)).toContain('converted');
    expect(after.records![1]?.companyId).toBe('c3');
  });
});

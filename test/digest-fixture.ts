// Seeded data of the daily digest tests: a model with a qualified segment and grades, and leads
// of three owners (hand-overs, leads that got hot, hand-overs awaiting acceptance, and ones that
// must not show), one lead without an owner, and a second workspace with the same owners.
import { parseModel } from '../src/core/parse-model.js';
import type { Channel, HistoryEntry, LeadLifecycle, Store, StoreTx } from '../src/store/port.js';

export const HOUR = 3_600_000;
/** 13:30 UTC: 08:30 in New York (EST). */
export const NOW = Date.parse('2026-03-02T13:30:00Z');
export const ago = (hours: number) => NOW - hours * HOUR;

export const ANN = 'ann@example.com';
export const BOB = 'bob@example.com';
export const CAROL = 'carol@example.com';

const model = parseModel(`
name: digest
fit:
  criteria:
    - { id: big, when: { field: traits.employees, gte: 100 }, points: 20 }
  grades:
    - { grade: A, min: 20 }
    - { grade: B }
engagement:
  rules:
    - { id: demo, event: Demo Requested, points: 50 }
segments:
  - { id: sales-ready, min: 60, stage: bofu, qualified: true }
  - { id: warm, min: 20, stage: mofu }
  - { id: cold, stage: tofu }
`);

type Snapshot = NonNullable<HistoryEntry['previous']>;
const state = (segment: string, grade: string): Snapshot => ({
  score: 30,
  grade,
  segment,
  stage: 'mofu',
});

function entry(leadId: string, at: number, to: Snapshot, before: Snapshot | null): HistoryEntry {
  return { leadId, at, cause: 'event', causeRef: null, modelVersion: 1, previous: before, ...to };
}

export async function lead(tx: StoreTx, ws: string, id: string, owner: string | null, score = 70) {
  await tx.upsertLead(
    ws,
    id,
    { first_name: 'Lead', last_name: id, company: { name: `Co ${id}` } },
    ago(100),
  );
  const row = await tx.getScore(ws, id);
  if (!row)
    await tx.putScore(ws, {
      leadId: id,
      modelVersion: 1,
      state: { fit: 20, fitMatched: [0], rules: [], qualified: [], lastEventTime: null },
      score,
      fit: 20,
      engagement: score - 20,
      grade: 'A',
      segment: 'sales-ready',
      stage: 'bofu',
      categories: {},
      scoredAt: ago(100),
      lastEventTime: null,
      updatedAt: ago(100),
      dueAt: null,
    });
  if (owner !== null) await tx.setLeadOwner(ws, id, owner, ago(100));
}

/** A hand-over at `at`: its history entry and the lead's stage (mql since then, or later `stage`). */
export async function handOver(tx: StoreTx, ws: string, id: string, at: number, stage = 'mql') {
  await tx.appendLifecycleEntries(ws, [
    {
      leadId: id,
      kind: 'handed_over',
      from: 'lead',
      to: 'mql',
      reason: null,
      cause: 'scoring',
      causeRef: 'sales-ready',
      actor: null,
      value: null,
      currency: null,
      at,
      handover: { segment: 'sales-ready', at },
    },
  ]);
  const row: LeadLifecycle = {
    leadId: id,
    stage: stage as LeadLifecycle['stage'],
    since: at,
    handover: { segment: 'sales-ready', at },
  };
  await tx.putLifecycles(ws, [row]);
}

/** Every case the digest must tell apart, in workspace `ws`. */
export async function seedOwners(store: Store, ws: string): Promise<void> {
  await store.transaction(async (tx) => {
    // Ann: a hand-over, two leads that got hot, one waiting; and what must not show.
    await lead(tx, ws, 'a-new', ANN);
    await handOver(tx, ws, 'a-new', ago(2));
    // Its hand-over came with entering the qualified segment: listed once, as a hand-over.
    await tx.appendHistory(
      ws,
      entry('a-new', ago(2), state('sales-ready', 'A'), state('warm', 'A')),
    );
    await lead(tx, ws, 'a-entered', ANN);
    await tx.appendHistory(
      ws,
      entry('a-entered', ago(3), state('sales-ready', 'B'), state('warm', 'B')),
    );
    await lead(tx, ws, 'a-graded', ANN);
    await tx.appendHistory(ws, entry('a-graded', ago(5), state('warm', 'A'), state('warm', 'B')));
    await lead(tx, ws, 'a-waiting', ANN);
    await handOver(tx, ws, 'a-waiting', ago(30));
    // Not hot: got hot two days ago; moved within the qualified segments; top grade already.
    await lead(tx, ws, 'a-old-hot', ANN);
    await tx.appendHistory(
      ws,
      entry('a-old-hot', ago(30), state('sales-ready', 'B'), state('warm', 'B')),
    );
    await lead(tx, ws, 'a-still-hot', ANN);
    await tx.appendHistory(
      ws,
      entry('a-still-hot', ago(4), state('sales-ready', 'A'), state('sales-ready', 'A')),
    );
    // Not waiting: accepted by sales.
    await lead(tx, ws, 'a-accepted', ANN);
    await handOver(tx, ws, 'a-accepted', ago(40), 'sal');
    // Bob: one hand-over.
    await lead(tx, ws, 'b-new', BOB);
    await handOver(tx, ws, 'b-new', ago(1));
    // Carol: only what is too old or settled: no digest.
    await lead(tx, ws, 'c-old', CAROL);
    await handOver(tx, ws, 'c-old', ago(50), 'sal');
    // Nobody's: handed over and hot, but no owner.
    await lead(tx, ws, 'nobody', null);
    await handOver(tx, ws, 'nobody', ago(1));
  });
}

/** A workspace with the model active and the seeded leads. */
export async function seededWorkspace(store: Store, name = 'digest'): Promise<string> {
  const ws = (await store.createWorkspace(name, ago(200))).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, ago(200));
  await store.activateModel(ws, version, ago(200));
  await seedOwners(store, ws);
  return ws;
}

export function addChannel(
  store: Store,
  ws: string,
  kind: Channel['kind'],
  name: string,
): Promise<Channel> {
  return store.createChannel(
    ws,
    { kind, name, config: {}, secrets: '', sync: null, createdBy: null },
    ago(200),
  );
}

/** The digest messages in a channel's queue: the owner and day of each. */
export async function digestsIn(
  store: Store,
  ws: string,
  channel: Channel,
): Promise<{ owner: string; day: string; data: Record<string, unknown> }[]> {
  const page = await store.listWebhookDeliveries(ws, channel.subscriptionId, { limit: 500 });
  const found = [];
  for (const item of page.items.filter((d) => d.type === 'channel.digest')) {
    const detail = await store.getWebhookDelivery(ws, channel.subscriptionId, item.id);
    const data = detail?.data ?? {};
    found.push({ owner: String(data.owner), day: String(data.day), data });
  }
  return found.sort((a, b) => (a.day + a.owner < b.day + b.owner ? -1 : 1));
}

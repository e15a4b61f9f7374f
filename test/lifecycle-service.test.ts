// The sales loop's service entry points over real stores: handOver as the scoring path calls it,
// and conversion events recorded by ingestion in the same transaction, set-based.
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { parseSegmentBatch, type SegmentMessage } from '../src/ingest/segment/index.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { handOver } from '../src/service/lifecycle/hand-over.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const MODEL = `
name: shop
engagement:
  rules: [{ id: visit, event: Page Viewed, points: 1 }]
segments:
  - { id: hot, min: 10, stage: bofu, qualified: true }
  - { id: cold, stage: tofu }
`;

function messages(batch: Record<string, unknown>[]): SegmentMessage[] {
  const parsed = parseSegmentBatch({ batch }, { receivedAt: NOW });
  if (parsed.kind !== 'ok') throw new Error(parsed.reason);
  return parsed.items.map((item) => {
    if (item.kind !== 'accepted') throw new Error(`${item.field}: ${item.reason}`);
    return item.message;
  });
}

async function setup(open: () => Promise<Store>, modelYaml: string) {
  const store = await open();
  const ws = (await store.createWorkspace('shop', NOW)).id;
  const spec = parseModel(modelYaml) as unknown as Record<string, unknown>;
  await store.activateModel(ws, await store.addModel(ws, spec, NOW), NOW);
  const hook = await store.createWebhook(
    ws,
    { url: 'https://crm.example/hook', eventTypes: ['lead.feedback_recorded'], secret: 'whsec_x' },
    NOW,
  );
  const ingest = (batch: Record<string, unknown>[]) =>
    ingestMessages(store, new ActiveModels(), ws, messages(batch), NOW);
  const moves = async (leadId: string) =>
    (await store.listLifecycleEntries(ws, leadId, { limit: 100 })).reverse();
  return { store, ws, hook, ingest, moves };
}

const order = (messageId: string, userId: string, properties: object, at = NOW - H) => ({
  type: 'track',
  messageId,
  userId,
  event: 'Order Completed',
  properties,
  timestamp: iso(at),
});

describe.each(freshStores())('sales loop services on $name', ({ open }) => {
  it('handOver makes a subscriber or lead an MQL once, and leaves later stages alone', async () => {
    const { store, ws, moves } = await setup(open, MODEL);
    const hand = (leadId: string, segment: string, at: number) =>
      store.transaction((tx) => handOver(tx, ws, leadId, segment, at));
    await hand('u1', 'hot', NOW);
    expect((await store.getLifecycles(ws, ['u1'])).get('u1')).toEqual({
      leadId: 'u1',
      stage: 'mql',
      since: NOW,
      handover: { segment: 'hot', at: NOW },
    });
    // Entering another qualified segment while an MQL: nothing new.
    await hand('u1', 'hotter', NOW + H);
    expect(await moves('u1')).toMatchObject([
      { kind: 'handed_over', from: 'subscriber', to: 'mql', cause: 'scoring', causeRef: 'hot' },
    ]);
    // Past marketing (here: a customer), it stays where it is.
    await store.putLifecycles(ws, [
      { leadId: 'u2', stage: 'customer', since: NOW, handover: null },
    ]);
    await hand('u2', 'hot', NOW + H);
    expect(await moves('u2')).toEqual([]);
    expect((await store.getLifecycles(ws, ['u2'])).get('u2')?.stage).toBe('customer');
    // A lead sent back to marketing is handed over again, counted against the new hand-over.
    await store.putLifecycles(ws, [{ leadId: 'u3', stage: 'lead', since: NOW, handover: null }]);
    await hand('u3', 'hot', NOW + 2 * H);
    expect(await moves('u3')).toMatchObject([
      { kind: 'handed_over', from: 'lead', handover: { segment: 'hot', at: NOW + 2 * H } },
    ]);
  });

  it('records each newly stored conversion event with its value, in the ingesting transaction', async () => {
    const { store, ws, hook, ingest, moves } = await setup(
      open,
      `${MODEL}conversions: { event: Order Completed }\n`,
    );
    await store.putLifecycles(ws, [
      {
        leadId: 'u1',
        stage: 'sal',
        since: NOW - 9 * H,
        handover: { segment: 'hot', at: NOW - 10 * H },
      },
    ]);
    await ingest([
      order('o1', 'u1', { revenue: 120, currency: 'eur' }, NOW - 3 * H),
      { type: 'page', messageId: 'p1', userId: 'u1', name: 'Pricing', timestamp: iso(NOW - 2 * H) },
      order('o2', 'u2', { revenue: '49.90' }),
      order('o3', 'u1', { revenue: 'a lot' }, NOW - H),
      { type: 'track', messageId: 'x1', userId: 'u2', event: 'Order Viewed', timestamp: iso(NOW) },
    ]);
    expect(await moves('u1')).toMatchObject([
      {
        kind: 'converted',
        from: 'sal',
        to: 'customer',
        value: 120,
        currency: 'EUR',
        causeRef: 'o1',
      },
      { kind: 'converted', from: 'customer', to: 'customer', value: null, causeRef: 'o3' },
    ]);
    expect((await store.getLifecycles(ws, ['u1'])).get('u1')).toEqual({
      leadId: 'u1',
      stage: 'customer',
      since: NOW - 3 * H,
      handover: { segment: 'hot', at: NOW - 10 * H },
    });
    expect(await moves('u2')).toMatchObject([
      { kind: 'converted', from: 'subscriber', value: 49.9, cause: 'event', at: NOW - H },
    ]);
    // A retried batch stores nothing, so converts nothing.
    await ingest([order('o1', 'u1', { revenue: 120 })]);
    expect(await moves('u1')).toHaveLength(2);
    const deliveries = await store.listWebhookDeliveries(ws, hook.id, { limit: 10 });
    expect(deliveries.items.map((d) => d.leadId).sort()).toEqual(['u1', 'u1', 'u2']);
  });

  it('records nothing when the model names no conversion event', async () => {
    const { store, ws, ingest, moves } = await setup(open, MODEL);
    await ingest([order('o1', 'u1', { revenue: 120 })]);
    expect(await moves('u1')).toEqual([]);
    expect(await store.getLifecycles(ws, ['u1'])).toEqual(new Map());
  });
});

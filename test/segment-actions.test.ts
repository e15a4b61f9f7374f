// Transitions and segment actions over real stores: entering a segment assigns an owner (round
// robin or by field), tags, and notifies; every transition and action reaches the outbox in the
// same transaction, including the ones decay brings about.
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { sweepDue } from '../src/service/decay/sweep-due.js';
import { leadView } from '../src/service/leads/lead-view.js';
import { startActivation } from '../src/service/models/activation.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { NOTIFICATION_TYPES, type Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages as calls } from './segment-messages.js';

const NOW = Date.parse('2026-04-01T08:00:00Z');
const model = parseModel(`
name: routed
engagement:
  halfLifeDays: 14
  rules:
    - { id: webinar, event: Webinar Attended, points: 25 }
    - { id: demo, event: Demo Requested, points: 60, qualifies: sales }
segments:
  - id: sales
    min: 80
    stage: bofu
    qualified: true
    actions:
      - { type: assign, byField: country, map: { US: ann, DE: dora }, default: carol }
      - { type: notify, message: Call today }
  - id: mql
    above: 20
    stage: mofu
    qualified: true
    actions:
      - { type: assign, owners: [bob, eve], once: true }
      - { type: tag, tag: mql }
  - { id: cold, stage: tofu }
`);

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const ws = (await store.createWorkspace('w', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  const hook = await store.createWebhook(
    ws,
    {
      url: 'http://127.0.0.1:1/hook',
      eventTypes: [...NOTIFICATION_TYPES],
      secret: 'whsec_dGVzdA==',
    },
    NOW,
  );
  const models = new ActiveModels();
  let n = 0;
  const send = (batch: Record<string, unknown>[], at = NOW) =>
    ingestMessages(
      store,
      models,
      ws,
      calls(
        batch.map((c) => ({ messageId: `m${++n}`, timestamp: new Date(at).toISOString(), ...c })),
        at,
      ),
      at,
    );
  /** The outbox for the subscription, oldest first, as [type, leadId, data]. */
  const outbox = async () => {
    const page = await store.listWebhookDeliveries(ws, hook.id, { limit: 100 });
    return Promise.all(
      page.items.reverse().map(async (d) => {
        const detail = await store.getWebhookDelivery(ws, hook.id, d.id);
        return [d.type, d.leadId, detail?.data] as const;
      }),
    );
  };
  return { store, ws, models, send, outbox };
}

describe.each(freshStores())('segment actions and transitions on $name', ({ open }) => {
  it('assigns round robin once, tags, and announces every transition in order', async () => {
    const { store, ws, send, outbox, models } = await setup(open);
    for (const lead of ['u1', 'u2', 'u3'])
      await send([{ type: 'track', userId: lead, event: 'Webinar Attended' }]);
    const owners = await Promise.all(
      ['u1', 'u2', 'u3'].map(async (id) => (await store.getLeadRouting(ws, id)).owner),
    );
    expect(owners).toEqual(['bob', 'eve', 'bob']);
    expect(await store.getLeadRouting(ws, 'u1')).toEqual({ owner: 'bob', tags: ['mql'] });
    const view = await leadView(store, models, ws, 'u1', NOW);
    expect(view).toMatchObject({ owner: 'bob', tags: ['mql'], segment: 'mql' });
    // Entering a qualified segment handed the lead to sales.
    expect((await store.getLifecycles(ws, ['u1'])).get('u1')).toMatchObject({ stage: 'mql' });

    const u1 = (await outbox()).filter(([, lead]) => lead === 'u1');
    expect(u1.map(([type]) => type)).toEqual([
      'lead.segment_changed',
      'lead.qualified',
      'lead.stage_changed',
      'lead.assigned',
    ]);
    expect(u1[0]?.[2]).toMatchObject({ from: null, to: 'mql', cause: 'event' });
    expect(u1[3]?.[2]).toMatchObject({ owner: 'bob', previousOwner: null, segment: 'mql' });
  });

  it('assigns by field on entering sales, and keeps the once-only owner when mql is re-entered', async () => {
    const { store, ws, send, outbox, models } = await setup(open);
    await send([{ type: 'identify', userId: 'de', traits: { country: 'DE' } }]);
    await send([{ type: 'track', userId: 'de', event: 'Webinar Attended' }]);
    expect((await store.getLeadRouting(ws, 'de')).owner).toBe('bob');
    await send([{ type: 'track', userId: 'de', event: 'Demo Requested' }]);
    expect((await store.getScore(ws, 'de'))?.segment).toBe('sales');
    expect((await store.getLeadRouting(ws, 'de')).owner).toBe('dora');
    const sales = (await outbox()).filter(([, lead]) => lead === 'de').slice(-4);
    expect(sales.map(([type]) => type)).toEqual([
      'lead.segment_changed',
      'lead.stage_changed',
      'lead.assigned',
      'lead.segment_entered',
    ]);
    expect(sales[3]?.[2]).toMatchObject({ message: 'Call today', segment: 'sales' });

    // The demo fast-track keeps it in sales; a lead without one cools from mql to cold by decay,
    // and that transition is announced too, with decay as its cause.
    await send([{ type: 'track', userId: 'us', event: 'Webinar Attended' }]);
    const due = (await store.getScore(ws, 'us'))!.dueAt!;
    await sweepDue(store, models, due);
    expect((await store.getScore(ws, 'us'))?.segment).toBe('cold');
    const cooled = (await outbox()).filter(([, lead]) => lead === 'us').slice(-2);
    expect(cooled.map(([type, , data]) => [type, data?.cause, data?.to])).toEqual([
      ['lead.segment_changed', 'decay', 'cold'],
      ['lead.stage_changed', 'decay', 'tofu'],
    ]);
    // Entering mql again does not hand it to a new owner: that action fires once per lead.
    await send([{ type: 'track', userId: 'us', event: 'Webinar Attended' }], due + 1000);
    expect((await store.getLeadRouting(ws, 'us')).owner).toBe('eve');
  });

  it('records the transitions a model activation makes, acts on them, and announces the activation', async () => {
    const { store, ws, send, outbox, models } = await setup(open);
    await send([{ type: 'track', userId: 'u9', event: 'Webinar Attended' }]);
    expect((await store.getScore(ws, 'u9'))?.segment).toBe('mql');
    // The same model with a higher bar for mql: the lead falls back to cold on activation.
    const stricter = parseModel(
      JSON.stringify({
        ...model,
        segments: model.segments.map((s) => (s.id === 'mql' ? { ...s, above: 40 } : s)),
      }),
    );
    const version = await store.addModel(ws, stricter as unknown as Record<string, unknown>, NOW);
    const { running } = await startActivation(store, models, ws, version, () => NOW + 1000);
    await running;
    expect((await store.getScore(ws, 'u9'))?.segment).toBe('cold');
    const [entry] = await store.listHistory(ws, 'u9', { limit: 1 });
    expect(entry).toMatchObject({ cause: 'model', causeRef: String(version), segment: 'cold' });
    const last = (await outbox()).slice(-3);
    expect(last.map(([type, lead, data]) => [type, lead, data?.cause ?? null])).toEqual([
      ['lead.segment_changed', 'u9', 'model'],
      ['lead.stage_changed', 'u9', 'model'],
      ['model.activated', null, null],
    ]);
    expect(last[2]?.[2]).toMatchObject({ version, leads: 1, changed: 1 });
  });
});

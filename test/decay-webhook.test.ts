// Decay end to end: a lead crosses below its segment's bound at a computed instant; the
// scheduler's transition and its signed webhook come within one sweep interval of that instant
// and never before it. The scheduler's clock moves one interval per sweep, so the test does not
// depend on how punctually a loaded machine runs timers; the webhook worker keeps the real clock,
// which signatures are checked against. (A half-life of seconds keeps the test short.)
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { parseSegmentCall } from '../src/ingest/segment/index.js';
import { DecayScheduler } from '../src/service/decay/decay-scheduler.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { generateSecret } from '../src/service/webhooks/secret.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import { freshStores } from './fresh-stores.js';
import { LOCAL_RECEIVERS, Receiver } from './webhook-receiver.js';

// 30 points halving every 2 seconds fall to 20 after 2·log2(1.5) ≈ 1.17 s.
const model = parseModel(`
name: fast-cooling
engagement:
  halfLifeDays: ${2 / 86_400}
  rules: [{ id: webinar, event: Webinar Attended, points: 30 }]
segments:
  - { id: warm, above: 20, stage: mofu }
  - { id: cool, stage: tofu }
`);
const INTERVAL_MS = 250;

describe.each(freshStores())('decay transition and webhook on $name', ({ open }) => {
  it('fires within one sweep interval of the computed instant, never before', async () => {
    const store = await open();
    const now = Date.now();
    const ws = (await store.createWorkspace('w', now)).id;
    await store.activateModel(
      ws,
      await store.addModel(ws, model as unknown as Record<string, unknown>, now),
      now,
    );
    const receiver = await Receiver.reserve();
    await receiver.up('ok');
    const secret = generateSecret();
    await store.createWebhook(
      ws,
      { url: receiver.url('/hook', secret), eventTypes: ['lead.segment_changed'], secret },
      now,
    );
    const models = new ActiveModels();
    const call = parseSegmentCall(
      'track',
      { userId: 'u1', event: 'Webinar Attended', messageId: 'm1' },
      { receivedAt: Date.now() },
    );
    if (call.kind !== 'accepted') throw new Error(call.reason);
    await ingestMessages(store, models, ws, [call.message], call.message.receivedAt);
    const dueAt = (await store.getScore(ws, 'u1'))!.dueAt!;
    expect(dueAt - call.message.receivedAt).toBeGreaterThan(1000);

    // Each sweep reads the clock once: it stands one interval later at every sweep.
    let clock = call.message.receivedAt;
    const scheduler = new DecayScheduler(store, models, {
      intervalMs: 10,
      clock: () => (clock += INTERVAL_MS),
    });
    const worker = new WebhookWorker(
      { store, clock: () => Date.now(), random: Math.random },
      { pollMs: 25, ...LOCAL_RECEIVERS },
    );
    scheduler.start();
    worker.start();
    try {
      const cooled = () => receiver.received.find((r) => r.data.to === 'cool');
      for (let waited = 0; waited < 10_000 && !cooled(); waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const webhook = cooled();
      expect(webhook).toBeDefined();
      expect(receiver.rejected).toEqual([]);
      // The entering of warm came first, at ingestion.
      expect(receiver.received.map((r) => r.data.to)).toEqual(['warm', 'cool']);
      const at = Date.parse(String(JSON.parse(webhook!.body).timestamp));
      expect(webhook!.data).toMatchObject({ cause: 'decay', from: 'warm', to: 'cool' });
      expect(at).toBeGreaterThanOrEqual(dueAt);
      // The sweep one interval earlier found it not yet due.
      expect(at - dueAt).toBeLessThan(INTERVAL_MS);
    } finally {
      await scheduler.stop();
      await worker.stop();
      await receiver.down();
    }
  });
});

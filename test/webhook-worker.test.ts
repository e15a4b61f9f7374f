// The delivery worker under a test clock, on both stores, against a real receiver: the backoff
// schedule to the millisecond, the end of the retry period, the failure run that disables a
// subscription, and bounded concurrency with one request per lead at a time.
import { afterEach, describe, expect, it } from 'vitest';
import { generateSecret } from '../src/service/webhooks/secret.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { NewNotification, Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { LOCAL_RECEIVERS, Receiver } from './webhook-receiver.js';

const note = (leadId: string | null, n: number, at: number): NewNotification => ({
  type: 'lead.stage_changed',
  leadId,
  data: { n },
  at,
});

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.down()));
  receivers = [];
});

async function setUp(open: () => Promise<Store>) {
  const store = await open();
  const ws = (await store.createWorkspace('w', Date.now())).id;
  const receiver = await Receiver.reserve();
  receivers.push(receiver);
  const secret = generateSecret();
  const webhook = await store.createWebhook(
    ws,
    { url: receiver.url('/hooks', secret), eventTypes: ['lead.stage_changed'], secret },
    Date.now(),
  );
  const enqueue = (notes: NewNotification[]) =>
    store.transaction((tx) => tx.enqueueNotifications(ws, notes));
  return { store, ws, receiver, webhook, enqueue };
}

describe.each(freshStores())('webhook worker on $name', ({ open }) => {
  it('retries on the backoff schedule of the injected clock and random, then fails for good', async () => {
    const { store, ws, receiver, webhook, enqueue } = await setUp(open);
    // Near the real time: the receiver's library refuses timestamps five minutes off.
    let now = Date.now();
    const worker = new WebhookWorker(
      { store, clock: () => now, random: () => 0.5 },
      {
        backoffBaseMs: 1000,
        backoffMaxMs: 8000,
        retryPeriodMs: 20_000,
        timeoutMs: 2000,
        ...LOCAL_RECEIVERS,
      },
    );
    const t0 = now;
    await enqueue([note('a', 1, t0), note('a', 2, t0)]);
    await receiver.up('error');

    // Each delay is half its cap (random 0.5): 500, 1000, 2000, 4000, then 4000 (capped).
    const schedule = [0, 500, 1500, 3500, 7500, 11_500, 15_500, 19_500];
    for (const at of schedule) {
      now = t0 + at - 1;
      if (at > 0) expect(await worker.runOnce(), `nothing is due before ${at}`).toBe(0);
      now = t0 + at;
      expect(await worker.runOnce(), `an attempt at ${at}`).toBe(1);
    }
    const [second, first] = (await store.listWebhookDeliveries(ws, webhook.id, { limit: 10 }))
      .items;
    const detail = await store.getWebhookDelivery(ws, webhook.id, first?.id as string);
    expect(detail?.attempts.map((a) => a.at - t0)).toEqual(schedule);
    expect(detail?.attempts.every((a) => a.statusCode === 500 && a.error === 'HTTP 500')).toBe(
      true,
    );
    expect(detail?.attempts[0]?.responseExcerpt).toBe('receiver broke');
    // The next try, at 23 500, would fall after the period (20 000 from the first attempt).
    expect(detail).toMatchObject({ status: 'failed', nextAttemptAt: null, attemptCount: 8 });
    expect(second).toMatchObject({ status: 'pending', attemptCount: 0 });
    expect(receiver.received.map((r) => r.data.n)).toEqual(schedule.map(() => 1));

    // The lead's next message went only once the first had failed for good.
    receiver.mode = 'ok';
    expect(await worker.runOnce()).toBe(1);
    expect(receiver.received.at(-1)?.data).toEqual({ leadId: 'a', n: 2 });
    expect((await store.getWebhookDelivery(ws, webhook.id, second?.id as string))?.status).toBe(
      'succeeded',
    );
    expect(receiver.rejected).toEqual([]);
  });

  it('disables a subscription after the configured run of failures', async () => {
    const { store, ws, receiver, webhook, enqueue } = await setUp(open);
    const lines: string[] = [];
    const now = Date.now();
    const worker = new WebhookWorker(
      { store, clock: () => now, random: () => 0, log: (l) => lines.push(l) },
      { disableAfter: 3, timeoutMs: 2000, ...LOCAL_RECEIVERS },
    );
    await enqueue(['a', 'b', 'c', 'd'].map((lead, i) => note(lead, i, now)));
    await receiver.up('error');
    expect(await worker.runOnce()).toBe(4);
    expect(await store.getWebhook(ws, webhook.id)).toMatchObject({
      enabled: false,
      disabledReason: 'disabled after 3 failed attempts in a row; the last: HTTP 500',
    });
    expect(lines).toEqual([
      `webhooks: subscription ${webhook.id} disabled after 3 failed attempts in a row`,
    ]);
    expect(await worker.runOnce()).toBe(0);
  });

  it('keeps at most the configured number in flight, and one per lead', async () => {
    const { store, receiver, enqueue } = await setUp(open);
    const worker = new WebhookWorker(
      { store, clock: () => Date.now(), random: Math.random },
      { concurrency: 4, pollMs: 20, timeoutMs: 2000, ...LOCAL_RECEIVERS },
    );
    await receiver.up('ok');
    receiver.delayMs = 30;
    const leads = Array.from({ length: 10 }, (_, i) => `lead-${i}`);
    const notes = [1, 2, 3].flatMap((n) => leads.map((lead) => note(lead, n, Date.now())));
    await enqueue(notes);
    worker.start();
    const started = Date.now();
    while (receiver.distinct('/hooks').length < notes.length && Date.now() - started < 10_000)
      await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(receiver.distinct('/hooks')).toHaveLength(notes.length);
    expect(receiver.maxInFlight).toBeLessThanOrEqual(4);
    expect(receiver.maxInFlight).toBeGreaterThan(1);
    expect(receiver.overlaps, 'two requests of one lead at once').toEqual([]);
    for (const lead of leads) {
      const ns = receiver.received.filter((r) => r.data.leadId === lead).map((r) => r.data.n);
      expect(ns).toEqual([1, 2, 3]);
    }
  });
});

// Webhook delivery end to end on both stores, with the worker's loop and a real receiver that
// verifies every request with the standardwebhooks library. The receiver is down (connection
// refused), then answers 500, then hangs (the worker times out), then comes back: every
// notification arrives at least once, each lead's in order, duplicates carry the same
// webhook-id and body, and every attempt is recorded with what came of it.
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../src/service/webhooks/secret.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { NewNotification, NotificationType, Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { LOCAL_RECEIVERS, Receiver, type Received } from './webhook-receiver.js';

const LEADS = Array.from({ length: 6 }, (_, i) => `lead-${i}`);
const TYPES: NotificationType[] = ['lead.segment_changed', 'lead.stage_changed'];

/** mulberry32: a seeded jitter, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every attempt's error of every delivery of the subscription. */
async function attemptsOf(store: Store, ws: string, webhookId: string) {
  const all: { leadId: string | null; statusCode: number | null; error: string | null }[] = [];
  let before: string | null = null;
  do {
    const page = await store.listWebhookDeliveries(ws, webhookId, { limit: 100, before });
    for (const d of page.items) {
      const detail = await store.getWebhookDelivery(ws, webhookId, d.id);
      for (const a of detail?.attempts ?? []) all.push({ leadId: d.leadId, ...a });
    }
    before = page.next;
  } while (before !== null);
  return all;
}

/** Each lead's messages by `seq` in arrival order, duplicates included. */
function sequences(received: Received[]): Map<string, number[]> {
  const byLead = new Map<string, number[]>();
  for (const r of received) {
    const lead = String(r.data.leadId ?? '-');
    byLead.set(lead, [...(byLead.get(lead) ?? []), Number(r.data.seq)]);
  }
  return byLead;
}

describe.each(freshStores())('webhook delivery through an outage on $name', ({ open }) => {
  it('delivers every notification at least once, in order per lead, signed', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('w', Date.now())).id;
    const receiver = await Receiver.reserve();
    const secrets = { all: generateSecret(), stages: generateSecret() };
    const all = await store.createWebhook(
      ws,
      {
        url: receiver.url('/all', secrets.all),
        eventTypes: [...TYPES, 'model.activated'],
        secret: secrets.all,
      },
      Date.now(),
    );
    const stages = await store.createWebhook(
      ws,
      {
        url: receiver.url('/stages', secrets.stages),
        eventTypes: ['lead.stage_changed'],
        secret: secrets.stages,
      },
      Date.now(),
    );
    const worker = new WebhookWorker(
      { store, clock: () => Date.now(), random: seeded(7) },
      {
        pollMs: 25,
        timeoutMs: 200,
        backoffBaseMs: 20,
        backoffMaxMs: 100,
        retryPeriodMs: 60_000,
        disableAfter: 100_000,
        concurrency: 4,
        ...LOCAL_RECEIVERS,
      },
    );

    let seq = 0;
    const sent: NewNotification[] = [];
    /** A few transactions of notifications over every lead, interleaved. */
    const produce = async (rounds: number) => {
      for (let r = 0; r < rounds; r++) {
        const notes: NewNotification[] = LEADS.map((leadId, i) => ({
          type: TYPES[(seq + i) % 2] as NotificationType,
          leadId,
          data: { seq: seq++ },
          at: Date.now(),
        }));
        if (r === 0)
          notes.push({
            type: 'model.activated',
            leadId: null,
            data: { seq: seq++ },
            at: Date.now(),
          });
        await store.transaction((tx) => tx.enqueueNotifications(ws, notes));
        sent.push(...notes);
      }
    };
    const lastErrors = async () =>
      (await store.listWebhookDeliveries(ws, all.id, { limit: 200 })).items.map((d) => d.lastError);

    worker.start();
    try {
      await produce(2);
      await until('connections are refused', async () =>
        (await lastErrors()).some((e) => e?.includes('ECONNREFUSED')),
      );
      await produce(1);
      await receiver.up('error');
      await until(
        'the receiver answered 500 a few times',
        () => receiver.received.filter((r) => r.mode === 'error').length >= 10,
      );
      receiver.mode = 'hang';
      await until('the worker timed out', async () =>
        (await lastErrors()).some((e) => e === 'timed out after 200 ms'),
      );
      await produce(1);
      receiver.mode = 'ok';
      await produce(2);
      const expected = (path: string) =>
        sent.filter((n) => path === '/all' || n.type === 'lead.stage_changed').length;
      await until(
        'every notification arrived',
        () =>
          receiver.distinct('/all').length === expected('/all') &&
          receiver.distinct('/stages').length === expected('/stages'),
      );
    } finally {
      await worker.stop();
      await receiver.down();
    }

    expect(receiver.rejected, 'requests that failed verification').toEqual([]);
    for (const [path, webhook] of [
      ['/all', all],
      ['/stages', stages],
    ] as const) {
      const wanted = sent.filter((n) => path === '/all' || n.type === 'lead.stage_changed');
      const received = receiver.received.filter((r) => r.path === path);
      const distinct = receiver.distinct(path);
      // None lost, none made up.
      expect(distinct.map((r) => Number(r.data.seq)).sort((x, y) => x - y)).toEqual(
        wanted.map((n) => Number(n.data.seq)).sort((x, y) => x - y),
      );
      // Each lead's messages arrive in order: once a later one came, no earlier one comes again.
      for (const [lead, order] of sequences(received)) {
        expect(order, `${path} ${lead}`).toEqual([...order].sort((x, y) => x - y));
      }
      // A duplicate is the same message: same webhook-id, same bytes.
      const bodies = new Map<string, Set<string>>();
      for (const r of received) bodies.set(r.id, (bodies.get(r.id) ?? new Set()).add(r.body));
      expect([...bodies.values()].every((b) => b.size === 1)).toBe(true);

      const pending = await store.listWebhookDeliveries(ws, webhook.id, {
        status: ['pending', 'failed'],
        limit: 10,
      });
      expect(pending.items).toEqual([]);
    }

    expect(receiver.received.length, 'some messages came twice').toBeGreaterThan(
      receiver.distinct('/all').length + receiver.distinct('/stages').length,
    );
    const attempts = await attemptsOf(store, ws, all.id);
    const kinds = new Set(
      attempts.map((a) => (a.statusCode !== null ? `HTTP ${a.statusCode}` : String(a.error))),
    );
    expect([...kinds].sort()).toEqual(
      [
        'HTTP 200',
        'HTTP 500',
        'connection refused (ECONNREFUSED)',
        'timed out after 200 ms',
      ].sort(),
    );
    // Every request the receiver saw is a recorded attempt (refused ones it never saw).
    const seen = receiver.received.filter((r) => r.path === '/all').length;
    expect(attempts.filter((a) => a.error !== 'connection refused (ECONNREFUSED)')).toHaveLength(
      seen,
    );
    expect(await store.getWebhook(ws, all.id)).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
    });
  });
});

// Contract: webhook deliveries: claims with leases, in order per lead, attempts and their
// outcomes, the failure run that disables a subscription, listing and redelivery.
import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery, Store, WebhookAttemptResult } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';
import { enqueue, hook, note, useNoWebhooks } from './webhooks.contract.js';

const LEASE = 60_000;
const RULES = { disableAfter: 3, disabledReason: '3 failed attempts in a row' };

const result = (
  outcome: WebhookAttemptResult['outcome'],
  at: number,
  fields: Partial<WebhookAttemptResult> = {},
): WebhookAttemptResult => ({
  outcome,
  at,
  statusCode: outcome === 'succeeded' ? 204 : 500,
  error: outcome === 'succeeded' ? null : 'HTTP 500',
  latencyMs: 12,
  responseExcerpt: outcome === 'succeeded' ? null : 'oops',
  nextAttemptAt: null,
  ...fields,
});

const claim = (store: Store, now: number, limit = 10) =>
  store.claimWebhookDeliveries({ now, limit, leaseMs: LEASE });

const record = (store: Store, c: ClaimedDelivery, r: WebhookAttemptResult) =>
  store.recordWebhookAttempt(c.workspaceId, c, r, RULES);

const lanesOf = (claimed: ClaimedDelivery[]) =>
  claimed.map((c) => `${c.leadId ?? '-'}:${String(c.data.n)}`).sort();

export function webhookDeliveriesContract(makeStore: MakeStore): void {
  describe('webhook deliveries', () => {
    const ctx = useContext(makeStore);
    useNoWebhooks(ctx);

    it('prunes old messages nobody still has to deliver, with their deliveries', async () => {
      const { store, ws } = ctx();
      const sub = await store.createWebhook(ws, hook(), T0);
      await enqueue(store, ws, [note('a', 1), note('b', 2), note('c', 3), note('d', 10)]);
      const heads = await claim(store, T0 + 20);
      const of = (lead: string) => heads.find((c) => c.leadId === lead)!;
      await record(store, of('a'), result('succeeded', T0 + 21));
      await record(store, of('b'), result('failed', T0 + 21));
      await record(store, of('c'), result('retry', T0 + 21, { nextAttemptAt: T0 + 9_000 }));
      await record(store, of('d'), result('succeeded', T0 + 21));
      // Other workspaces' old messages may go too (retention is for the whole store).
      let pruned = 0;
      for (let n = 1; n > 0; pruned += n)
        n = await store.pruneWebhookMessages({ before: T0 + 5, limit: 1 });
      expect(pruned).toBeGreaterThanOrEqual(2);
      const left = await store.listWebhookDeliveries(ws, sub.id, { limit: 10 });
      // c is still to be retried, d is recent.
      expect(left.items.map((d) => d.leadId).sort()).toEqual(['c', 'd']);
      expect(await store.pruneWebhookMessages({ before: T0 + 5, limit: 10 })).toBe(0);
    });

    it('hands out only the head of each lead, and the next one once it is done', async () => {
      const { store, ws } = ctx();
      await store.createWebhook(ws, hook(), T0);
      await enqueue(store, ws, [note('a', 1), note('b', 2), note('a', 3)]);
      await enqueue(store, ws, [note('a', 4), note(null, 5, { type: 'model.activated' })]);
      const first = await claim(store, T0);
      expect(lanesOf(first)).toEqual(['-:5', 'a:1', 'b:2']);
      // Held: nothing more until an attempt is recorded.
      expect(await claim(store, T0 + 1)).toEqual([]);

      const a1 = first.find((c) => c.leadId === 'a') as ClaimedDelivery;
      const b2 = first.find((c) => c.leadId === 'b') as ClaimedDelivery;
      expect(await record(store, a1, result('succeeded', T0 + 2))).toEqual({
        recorded: true,
        disabled: false,
      });
      await record(store, b2, result('retry', T0 + 2, { nextAttemptAt: T0 + 1000 }));
      expect(lanesOf(await claim(store, T0 + 3))).toEqual(['a:3']);
      expect(await claim(store, T0 + 999)).toEqual([]);
      const again = await claim(store, T0 + 1000);
      expect(lanesOf(again)).toEqual(['b:2']);
      expect(again[0]).toMatchObject({ attemptCount: 1, retrySince: T0 + 2 });
    });

    it('takes a delivery again once its lease ran out; the stale claim records but decides nothing', async () => {
      const { store, ws } = ctx();
      const w = await store.createWebhook(ws, hook(), T0);
      await enqueue(store, ws, [note('a', 1), note('a', 2)]);
      const [stale] = await claim(store, T0);
      expect(await claim(store, T0 + LEASE - 1)).toEqual([]);
      const [fresh] = await claim(store, T0 + LEASE);
      expect(fresh?.deliveryId).toBe(stale?.deliveryId);
      expect(fresh?.claim).not.toBe(stale?.claim);

      await record(store, stale as ClaimedDelivery, result('succeeded', T0 + LEASE + 1));
      const held = await store.getWebhookDelivery(ws, w.id, stale?.deliveryId as string);
      expect(held).toMatchObject({ status: 'pending', attemptCount: 1 });
      expect(await claim(store, T0 + LEASE + 2)).toEqual([]);
      await record(store, fresh as ClaimedDelivery, result('succeeded', T0 + LEASE + 3));
      expect(lanesOf(await claim(store, T0 + LEASE + 4))).toEqual(['a:2']);
    });

    it('records every attempt, and a final failure lets the next one of the lead go', async () => {
      const { store, ws } = ctx();
      const w = await store.createWebhook(ws, hook(), T0);
      await enqueue(store, ws, [note('a', 1), note('a', 2)]);
      const [c1] = await claim(store, T0);
      await record(
        store,
        c1 as ClaimedDelivery,
        result('retry', T0 + 1, {
          statusCode: null,
          error: 'connection refused (ECONNREFUSED)',
          responseExcerpt: null,
          nextAttemptAt: T0 + 50,
        }),
      );
      const [c2] = await claim(store, T0 + 50);
      expect(c2?.deliveryId).toBe(c1?.deliveryId);
      await record(store, c2 as ClaimedDelivery, result('failed', T0 + 51));
      const detail = await store.getWebhookDelivery(ws, w.id, c1?.deliveryId as string);
      expect(detail).toMatchObject({
        status: 'failed',
        attemptCount: 2,
        nextAttemptAt: null,
        lastAttemptAt: T0 + 51,
        lastError: 'HTTP 500',
        data: { n: 1, from: 'nurture', to: 'mql' },
      });
      expect(detail?.attempts).toEqual([
        {
          at: T0 + 1,
          statusCode: null,
          error: 'connection refused (ECONNREFUSED)',
          latencyMs: 12,
          responseExcerpt: null,
        },
        { at: T0 + 51, statusCode: 500, error: 'HTTP 500', latencyMs: 12, responseExcerpt: 'oops' },
      ]);
      expect(lanesOf(await claim(store, T0 + 52))).toEqual(['a:2']);
      expect(await store.getWebhookDelivery(ws, w.id, 'nope')).toBeUndefined();
    });

    it('disables a subscription after a run of failures, and enabling it resumes the lanes', async () => {
      const { store, ws } = ctx();
      const w = await store.createWebhook(ws, hook(), T0);
      await enqueue(store, ws, [note('a', 1), note('b', 2), note('c', 3), note('c', 4)]);
      const [a, b, c] = await claim(store, T0);
      await record(store, a as ClaimedDelivery, result('retry', T0 + 1, { nextAttemptAt: T0 + 2 }));
      // A success in between starts the run again.
      await record(store, b as ClaimedDelivery, result('succeeded', T0 + 1));
      await record(store, c as ClaimedDelivery, result('retry', T0 + 1, { nextAttemptAt: T0 + 2 }));
      expect((await store.getWebhook(ws, w.id))?.consecutiveFailures).toBe(1);
      const [a2, c2] = await claim(store, T0 + 2);
      expect(
        await record(
          store,
          a2 as ClaimedDelivery,
          result('retry', T0 + 3, { nextAttemptAt: T0 + 4 }),
        ),
      ).toEqual({ recorded: true, disabled: false });
      expect(
        await record(
          store,
          c2 as ClaimedDelivery,
          result('retry', T0 + 3, { nextAttemptAt: T0 + 4 }),
        ),
      ).toEqual({ recorded: true, disabled: true });
      expect(await store.getWebhook(ws, w.id)).toMatchObject({
        enabled: false,
        disabledReason: '3 failed attempts in a row',
        consecutiveFailures: 3,
        updatedAt: T0 + 3,
      });
      expect(await claim(store, T0 + 10_000)).toEqual([]);
      // While disabled it gets nothing new.
      await enqueue(store, ws, [note('d', 5)]);
      const pending = await store.listWebhookDeliveries(ws, w.id, {
        status: ['pending'],
        limit: 10,
      });
      expect(pending.items.map((d) => d.leadId)).toEqual(['c', 'c', 'a']);

      await store.updateWebhook(ws, w.id, { enabled: true }, T0 + 20_000);
      const resumed = await claim(store, T0 + 20_000);
      expect(lanesOf(resumed)).toEqual(['a:1', 'c:3']);
      expect(resumed.every((r) => r.retrySince === null)).toBe(true);
      expect((await store.getWebhook(ws, w.id))?.consecutiveFailures).toBe(0);
    });

    it('lists deliveries newest first, filtered by status, page by page', async () => {
      const { store, ws } = ctx();
      const w = await store.createWebhook(ws, hook(), T0);
      await enqueue(
        store,
        ws,
        Array.from({ length: 5 }, (_, i) => note(`u${i}`, i)),
      );
      const claimed = await claim(store, T0);
      for (const c of claimed.filter((x) => Number(x.data.n) % 2 === 0))
        await record(store, c, result('succeeded', T0 + 1));
      const page1 = await store.listWebhookDeliveries(ws, w.id, { limit: 2 });
      expect(page1.items.map((d) => d.leadId)).toEqual(['u4', 'u3']);
      const page2 = await store.listWebhookDeliveries(ws, w.id, { limit: 2, before: page1.next });
      expect(page2.items.map((d) => d.leadId)).toEqual(['u2', 'u1']);
      const page3 = await store.listWebhookDeliveries(ws, w.id, { limit: 2, before: page2.next });
      expect(page3).toEqual({ items: [expect.objectContaining({ leadId: 'u0' })], next: null });
      const done = await store.listWebhookDeliveries(ws, w.id, {
        status: ['succeeded'],
        limit: 10,
      });
      expect(done.items.map((d) => d.leadId)).toEqual(['u4', 'u2', 'u0']);
      await expect(
        store.listWebhookDeliveries(ws, w.id, { limit: 2, before: 'x' }),
      ).rejects.toMatchObject({ code: 'invalid' });
    });

    it('redelivers a finished delivery now, or behind the pending ones of its lead', async () => {
      const { store, ws, other } = ctx();
      const w = await store.createWebhook(ws, hook(), T0);
      await enqueue(store, ws, [note('a', 1), note('b', 2)]);
      const [a1, b2] = await claim(store, T0);
      await record(store, a1 as ClaimedDelivery, result('succeeded', T0 + 1));
      await record(store, b2 as ClaimedDelivery, result('failed', T0 + 1));

      const again = await store.redeliverWebhookDelivery(
        ws,
        w.id,
        a1?.deliveryId as string,
        T0 + 5,
      );
      expect(again).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 5, attemptCount: 1 });
      await expect(
        store.redeliverWebhookDelivery(ws, w.id, a1?.deliveryId as string, T0 + 6),
      ).rejects.toMatchObject({ code: 'conflict' });
      await expect(
        store.redeliverWebhookDelivery(other, w.id, a1?.deliveryId as string, T0 + 6),
      ).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.redeliverWebhookDelivery(ws, w.id, 'nope', T0)).rejects.toMatchObject({
        code: 'not_found',
      });
      const [a1again] = await claim(store, T0 + 5);
      expect(a1again).toMatchObject({ messageId: a1?.messageId, retrySince: null });

      // b has a newer pending delivery in flight: the redelivered one waits behind it.
      await enqueue(store, ws, [note('b', 3)]);
      const [b3] = await claim(store, T0 + 7);
      expect(b3?.data.n).toBe(3);
      expect(await store.redeliverFailedWebhookDeliveries(ws, w.id, T0 + 8)).toBe(1);
      expect(await claim(store, T0 + 9)).toEqual([]);
      await record(store, b3 as ClaimedDelivery, result('succeeded', T0 + 10));
      const [b2again] = await claim(store, T0 + 11);
      expect(b2again).toMatchObject({ deliveryId: b2?.deliveryId, attemptCount: 1 });
      expect(await store.redeliverFailedWebhookDeliveries(ws, w.id, T0 + 12)).toBe(0);
    });

    it('forgets deliveries with their subscription; an attempt in flight then records nothing', async () => {
      const { store, ws } = ctx();
      const w = await store.createWebhook(ws, hook(), T0);
      await enqueue(store, ws, [note('a', 1)]);
      const [c] = await claim(store, T0);
      await store.deleteWebhook(ws, w.id);
      expect(await record(store, c as ClaimedDelivery, result('succeeded', T0 + 1))).toEqual({
        recorded: false,
        disabled: false,
      });
      expect(await claim(store, T0 + LEASE)).toEqual([]);
    });

    it('never hands the same delivery to two claims at once', async () => {
      const { store, ws } = ctx();
      await store.createWebhook(ws, hook(), T0);
      await enqueue(
        store,
        ws,
        Array.from({ length: 40 }, (_, i) => note(`u${i % 20}`, i)),
      );
      const claims = await Promise.all(Array.from({ length: 6 }, () => claim(store, T0, 5)));
      claims.push(await claim(store, T0, 20));
      const ids = claims.flat().map((c) => c.deliveryId);
      expect(new Set(ids).size).toBe(ids.length);
      const leads = claims.flat().map((c) => c.leadId);
      expect(new Set(leads).size).toBe(leads.length);
      expect(ids.length).toBe(20);
    });
  });
}

// Contract: webhook subscriptions, and notifications written to the outbox in a transaction.
import { beforeEach, describe, expect, it } from 'vitest';
import type { NewNotification, NewWebhook, Store } from '../port.js';
import { T0, useContext, type Context, type MakeStore } from './harness.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export function hook(fields: Partial<NewWebhook> = {}): NewWebhook {
  return {
    url: 'https://example.com/hooks',
    eventTypes: ['lead.segment_changed', 'lead.stage_changed', 'model.activated'],
    secret: SECRET,
    ...fields,
  };
}

export function note(leadId: string | null, n: number, fields: Partial<NewNotification> = {}) {
  const notification: NewNotification = {
    type: 'lead.segment_changed',
    leadId,
    data: { n, from: 'nurture', to: 'mql' },
    at: T0 + n,
    ...fields,
  };
  return notification;
}

/**
 * The worker claims across workspaces, so on a shared database one test would claim another's
 * deliveries: each test starts with no subscription anywhere (and so no delivery).
 */
export function useNoWebhooks(ctx: () => Context): void {
  beforeEach(async () => {
    const { store } = ctx();
    for (const workspace of await store.listWorkspaces())
      for (const webhook of await store.listWebhooks(workspace.id))
        await store.deleteWebhook(workspace.id, webhook.id);
  });
}

export async function enqueue(store: Store, ws: string, notes: NewNotification[]): Promise<void> {
  await store.transaction((tx) => tx.enqueueNotifications(ws, notes));
}

export function webhooksContract(makeStore: MakeStore): void {
  describe('webhook subscriptions and the outbox', () => {
    const ctx = useContext(makeStore);
    useNoWebhooks(ctx);

    it('creates, reads, lists, updates and deletes subscriptions', async () => {
      const { store, ws } = ctx();
      const a = await store.createWebhook(ws, hook(), T0);
      expect(a).toEqual({
        id: expect.any(String),
        workspaceId: ws,
        ...hook(),
        enabled: true,
        disabledReason: null,
        consecutiveFailures: 0,
        createdAt: T0,
        updatedAt: T0,
      });
      const b = await store.createWebhook(ws, hook({ url: 'http://b.test/' }), T0 + 1);
      expect(await store.getWebhook(ws, a.id)).toEqual(a);
      expect((await store.listWebhooks(ws)).map((w) => w.id)).toEqual([a.id, b.id]);

      const changed = await store.updateWebhook(
        ws,
        a.id,
        { url: 'https://example.com/v2', eventTypes: ['lead.qualified'] },
        T0 + 5,
      );
      expect(changed).toMatchObject({
        url: 'https://example.com/v2',
        eventTypes: ['lead.qualified'],
        enabled: true,
        updatedAt: T0 + 5,
        createdAt: T0,
      });
      const off = await store.updateWebhook(
        ws,
        a.id,
        { enabled: false, disabledReason: 'paused' },
        T0 + 6,
      );
      expect(off).toMatchObject({ enabled: false, disabledReason: 'paused' });
      const on = await store.updateWebhook(ws, a.id, { enabled: true }, T0 + 7);
      expect(on).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
      // The secret is opaque text to the store, replaced as given (the service seals it).
      const resealed = await store.updateWebhook(ws, a.id, { secret: 'enc:v1:a:b:c' }, T0 + 7);
      expect(resealed).toEqual({ ...on, secret: 'enc:v1:a:b:c' });
      expect((await store.getWebhook(ws, a.id))?.secret).toBe('enc:v1:a:b:c');

      expect(await store.deleteWebhook(ws, a.id)).toBe(true);
      expect(await store.deleteWebhook(ws, a.id)).toBe(false);
      expect(await store.getWebhook(ws, a.id)).toBeUndefined();
      await expect(store.updateWebhook(ws, a.id, { url: 'x' }, T0)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(store.createWebhook('nope', hook(), T0)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it("keeps each workspace's subscriptions to itself", async () => {
      const { store, ws, other } = ctx();
      const mine = await store.createWebhook(ws, hook(), T0);
      expect(await store.getWebhook(other, mine.id)).toBeUndefined();
      expect(await store.listWebhooks(other)).toEqual([]);
      expect(await store.deleteWebhook(other, mine.id)).toBe(false);
      await expect(store.updateWebhook(other, mine.id, { url: 'x' }, T0)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(
        store.listWebhookDeliveries(other, mine.id, { limit: 10 }),
      ).rejects.toMatchObject({ code: 'not_found' });
      await enqueue(store, other, [note('u1', 1)]);
      expect(await store.claimWebhookDeliveries({ now: T0, limit: 10, leaseMs: 1000 })).toEqual([]);
    });

    it('writes one delivery per enabled subscription that wants the type, none without', async () => {
      const { store, ws, other } = ctx();
      await enqueue(store, ws, [note('u1', 1)]);
      const segment = await store.createWebhook(
        ws,
        hook({ eventTypes: ['lead.segment_changed'] }),
        T0,
      );
      const stage = await store.createWebhook(ws, hook({ eventTypes: ['lead.stage_changed'] }), T0);
      const off = await store.createWebhook(ws, hook({ url: 'https://off.test/' }), T0);
      await store.updateWebhook(ws, off.id, { enabled: false, disabledReason: 'paused' }, T0);
      await store.createWebhook(other, hook(), T0);
      // Written before any subscription existed: nothing to deliver.
      expect((await store.listWebhookDeliveries(ws, segment.id, { limit: 10 })).items).toEqual([]);

      await enqueue(store, ws, [
        note('u1', 2, { data: { nested: { a: [1, 'two'] }, n: 2 } }),
        note('u2', 3, { type: 'lead.stage_changed' }),
        note(null, 4, { type: 'model.activated', data: { version: 2 } }),
      ]);
      const claimed = await store.claimWebhookDeliveries({
        now: T0 + 10,
        limit: 10,
        leaseMs: 1000,
      });
      expect(claimed.map((c) => [c.webhookId, c.type, c.leadId]).sort()).toEqual(
        [
          [segment.id, 'lead.segment_changed', 'u1'],
          [stage.id, 'lead.stage_changed', 'u2'],
        ].sort(),
      );
      const first = claimed.find((c) => c.webhookId === segment.id);
      expect(first).toMatchObject({
        workspaceId: ws,
        url: 'https://example.com/hooks',
        secret: SECRET,
        attemptCount: 0,
        retrySince: null,
        data: { nested: { a: [1, 'two'] }, n: 2 },
        at: T0 + 2,
      });
      expect(first?.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
      const listed = await store.listWebhookDeliveries(ws, segment.id, { limit: 10 });
      expect(listed.items).toEqual([
        {
          id: first?.deliveryId,
          webhookId: segment.id,
          messageId: first?.messageId,
          type: 'lead.segment_changed',
          leadId: 'u1',
          status: 'pending',
          attemptCount: 0,
          nextAttemptAt: 0,
          lastAttemptAt: null,
          lastError: null,
          createdAt: T0 + 2,
        },
      ]);
      expect((await store.listWebhookDeliveries(ws, off.id, { limit: 10 })).items).toEqual([]);
    });

    it('sends one message to every subscriber under the same webhook-id', async () => {
      const { store, ws } = ctx();
      const a = await store.createWebhook(ws, hook(), T0);
      const b = await store.createWebhook(ws, hook({ url: 'https://b.test/' }), T0);
      await enqueue(store, ws, [note('u1', 1)]);
      const claimed = await store.claimWebhookDeliveries({ now: T0, limit: 10, leaseMs: 1000 });
      expect(claimed.map((c) => c.webhookId).sort()).toEqual([a.id, b.id].sort());
      expect(new Set(claimed.map((c) => c.messageId)).size).toBe(1);
      expect(new Set(claimed.map((c) => c.deliveryId)).size).toBe(2);
    });

    it('writes nothing when the transaction that enqueued fails', async () => {
      const { store, ws } = ctx();
      const a = await store.createWebhook(ws, hook(), T0);
      const failed = store.transaction(async (tx) => {
        await tx.enqueueNotifications(ws, [note('u1', 1), note('u2', 2)]);
        throw new Error('the score change failed');
      });
      await expect(failed).rejects.toThrow('the score change failed');
      expect((await store.listWebhookDeliveries(ws, a.id, { limit: 10 })).items).toEqual([]);
      await enqueue(store, ws, []);
      expect(await store.claimWebhookDeliveries({ now: T0, limit: 10, leaseMs: 1 })).toEqual([]);
    });
  });
}

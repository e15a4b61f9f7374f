// Contract: channels (each with its delivery queue, a subscription webhooks never show), which
// messages reach their queues (targeted ones, and lead.changed while a channel syncs), and the
// daily digest's settings and once-per-day claims.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewChannel, Store } from '../port.js';
import { T0, useContext, type Context, type MakeStore } from './harness.js';
import { enqueue, hook, note, useNoWebhooks } from './webhooks.contract.js';

const LEASE = 30_000;

function channel(fields: Partial<NewChannel> = {}): NewChannel {
  return {
    kind: 'slack',
    name: 'Sales alerts',
    config: { description: '#sales' },
    secrets: 'enc:v1:sealed',
    sync: null,
    createdBy: 'ann@example.com',
    ...fields,
  };
}

const SYNC = { fields: { score: 'leadscore_score' }, precision: 0 };

/** The worker claims across workspaces: no channel anywhere before or after each test. */
function useNoChannels(ctx: () => Context): void {
  const clear = async () => {
    const { store } = ctx();
    for (const workspace of await store.listWorkspaces())
      for (const c of await store.listChannels(workspace.id))
        await store.deleteChannel(workspace.id, c.id);
  };
  beforeEach(clear);
  afterEach(clear);
}

/** Due deliveries, claimed (and so held) for a lease. */
const claim = (store: Store, now: number) =>
  store.claimWebhookDeliveries({ now, limit: 100, leaseMs: LEASE });

export function channelsContract(makeStore: MakeStore): void {
  describe('channels', () => {
    const ctx = useContext(makeStore);
    useNoWebhooks(ctx);
    useNoChannels(ctx);

    it('creates, reads, lists, updates and deletes channels', async () => {
      const { store, ws, other } = ctx();
      const a = await store.createChannel(ws, channel(), T0);
      expect(a).toEqual({
        id: expect.any(String),
        workspaceId: ws,
        ...channel(),
        subscriptionId: expect.any(String),
        enabled: true,
        disabledReason: null,
        consecutiveFailures: 0,
        createdAt: T0,
        updatedAt: T0,
      });
      const b = await store.createChannel(
        ws,
        channel({ kind: 'hubspot', name: 'CRM', secrets: '', sync: SYNC, createdBy: null }),
        T0 + 1,
      );
      expect(b).toMatchObject({ kind: 'hubspot', secrets: '', sync: SYNC, createdBy: null });
      expect(await store.getChannel(ws, a.id)).toEqual(a);
      expect((await store.listChannels(ws)).map((c) => c.id)).toEqual([a.id, b.id]);
      expect(await store.getChannel(other, a.id)).toBeUndefined();
      expect(await store.listChannels(other)).toEqual([]);

      const changed = await store.updateChannel(
        ws,
        a.id,
        { name: 'Alerts', config: { description: '#deals' }, secrets: 'enc:v1:other' },
        T0 + 5,
      );
      expect(changed).toEqual({
        ...a,
        name: 'Alerts',
        config: { description: '#deals' },
        secrets: 'enc:v1:other',
        updatedAt: T0 + 5,
      });
      expect(await store.getChannel(ws, a.id)).toEqual(changed);

      expect(await store.deleteChannel(other, a.id)).toBe(false);
      expect(await store.deleteChannel(ws, a.id)).toBe(true);
      expect(await store.deleteChannel(ws, a.id)).toBe(false);
      expect(await store.getChannel(ws, a.id)).toBeUndefined();
      await expect(store.updateChannel(ws, a.id, { name: 'x' }, T0)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(store.updateChannel(other, b.id, { name: 'x' }, T0)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(store.createChannel('nope', channel(), T0)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('refuses a name in use in the workspace, not in another one', async () => {
      const { store, ws, other } = ctx();
      const a = await store.createChannel(ws, channel(), T0);
      await expect(store.createChannel(ws, channel({ kind: 'email' }), T0)).rejects.toMatchObject({
        code: 'conflict',
      });
      await store.createChannel(other, channel(), T0);
      const b = await store.createChannel(ws, channel({ name: 'Other' }), T0);
      await expect(store.updateChannel(ws, b.id, { name: a.name }, T0)).rejects.toMatchObject({
        code: 'conflict',
      });
      // Its own name is no conflict.
      expect(await store.updateChannel(ws, a.id, { name: a.name }, T0 + 1)).toMatchObject({
        name: a.name,
      });
      // A refused one left the transaction usable.
      const made = await store.transaction(async (tx) => {
        await expect(tx.createChannel(ws, channel(), T0)).rejects.toMatchObject({
          code: 'conflict',
        });
        return tx.createChannel(ws, channel({ name: 'Third' }), T0);
      });
      expect(await store.getChannel(ws, made.id)).toEqual(made);
    });

    it('disables and enables its queue as for a webhook', async () => {
      const { store, ws } = ctx();
      const c = await store.createChannel(ws, channel(), T0);
      const off = await store.updateChannel(
        ws,
        c.id,
        { enabled: false, disabledReason: 'disabled over the API' },
        T0 + 1,
      );
      expect(off).toMatchObject({ enabled: false, disabledReason: 'disabled over the API' });
      const kept = await store.createChannel(ws, channel({ name: 'On' }), T0);
      await enqueue(store, ws, [
        note('u1', 1, { type: 'channel.slack', channelId: kept.id, data: { n: 1 } }),
      ]);
      // A disabled queue is not claimed from.
      await store.transaction((tx) =>
        tx.enqueueNotifications(ws, [
          { type: 'channel.slack', channelId: c.id, leadId: 'u2', data: { n: 2 }, at: T0 + 2 },
        ]),
      );
      const claimed = await claim(store, T0 + 3);
      expect(claimed.map((d) => d.channelId)).toEqual([kept.id]);
      const on = await store.updateChannel(ws, c.id, { enabled: true }, T0 + 4);
      expect(on).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    });

    it('gets lead.changed only while it syncs', async () => {
      const { store, ws } = ctx();
      const crm = await store.createChannel(ws, channel({ kind: 'hubspot', name: 'CRM' }), T0);
      const slack = await store.createChannel(ws, channel(), T0);
      const changed = (lead: string, n: number) =>
        note(lead, n, { type: 'lead.changed', data: { n } });
      await enqueue(store, ws, [changed('u1', 1)]);
      const pending = async () =>
        (await store.listWebhookDeliveries(ws, crm.subscriptionId, { limit: 10 })).items.map(
          (d) => d.leadId,
        );
      expect(await pending()).toEqual([]);

      await store.updateChannel(ws, crm.id, { sync: SYNC }, T0 + 1);
      expect((await store.getChannel(ws, crm.id))?.sync).toEqual(SYNC);
      await enqueue(store, ws, [changed('u2', 2)]);
      expect(await pending()).toEqual(['u2']);
      expect(
        (await store.listWebhookDeliveries(ws, slack.subscriptionId, { limit: 10 })).items,
      ).toEqual([]);

      await store.updateChannel(ws, crm.id, { sync: null }, T0 + 2);
      await enqueue(store, ws, [changed('u3', 3)]);
      expect(await pending()).toEqual(['u2']);
    });

    it('delivers a targeted message to that channel only', async () => {
      const { store, ws, other } = ctx();
      const a = await store.createChannel(ws, channel(), T0);
      const b = await store.createChannel(ws, channel({ name: 'B', sync: SYNC }), T0);
      const webhook = await store.createWebhook(
        ws,
        hook({ eventTypes: ['lead.segment_changed'] }),
        T0,
      );
      await store.createChannel(other, channel(), T0);
      await enqueue(store, ws, [
        note('u1', 1, { type: 'channel.slack', channelId: a.id }),
        // Targeted, a webhook's type reaches the channel and not the webhooks that want it.
        note('u2', 2, { type: 'lead.segment_changed', channelId: a.id }),
      ]);
      const claimed = await claim(store, T0 + 5);
      expect(claimed.map((d) => [d.channelId, d.webhookId, d.type, d.leadId]).sort()).toEqual(
        [
          [a.id, a.subscriptionId, 'channel.slack', 'u1'],
          [a.id, a.subscriptionId, 'lead.segment_changed', 'u2'],
        ].sort(),
      );
      expect(claimed[0]).toMatchObject({ workspaceId: ws, data: { n: expect.any(Number) } });
      expect(
        (await store.listWebhookDeliveries(ws, b.subscriptionId, { limit: 10 })).items,
      ).toEqual([]);
      expect((await store.listWebhookDeliveries(ws, webhook.id, { limit: 10 })).items).toEqual([]);
      // A channel of another workspace is no target.
      await enqueue(store, other, [note('u3', 3, { type: 'channel.slack', channelId: a.id })]);
      expect(await claim(store, T0 + 6)).toEqual([]);
    });

    it('never shows its queue among the webhooks', async () => {
      const { store, ws } = ctx();
      const c = await store.createChannel(ws, channel({ sync: SYNC }), T0);
      const w = await store.createWebhook(ws, hook(), T0);
      expect((await store.listWebhooks(ws)).map((x) => x.id)).toEqual([w.id]);
      expect(await store.getWebhook(ws, c.subscriptionId)).toBeUndefined();
      await expect(
        store.updateWebhook(ws, c.subscriptionId, { url: 'https://x.test/' }, T0),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.deleteWebhook(ws, c.subscriptionId)).toBe(false);
      expect(await store.getChannel(ws, c.id)).toMatchObject({ subscriptionId: c.subscriptionId });
    });

    it('is deleted with its deliveries and their attempts', async () => {
      const { store, ws } = ctx();
      const c = await store.createChannel(ws, channel(), T0);
      await enqueue(store, ws, [
        note('u1', 1, { type: 'channel.slack', channelId: c.id }),
        note('u2', 2, { type: 'channel.slack', channelId: c.id }),
      ]);
      const [first] = await claim(store, T0 + 1);
      await store.recordWebhookAttempt(
        ws,
        first!,
        {
          at: T0 + 2,
          statusCode: 500,
          error: 'HTTP 500',
          latencyMs: 3,
          responseExcerpt: null,
          outcome: 'failed',
          nextAttemptAt: null,
        },
        { disableAfter: 10, disabledReason: 'failing' },
      );
      expect(
        (await store.listWebhookDeliveries(ws, c.subscriptionId, { limit: 10 })).items,
      ).toHaveLength(2);
      expect(await store.deleteChannel(ws, c.id)).toBe(true);
      await expect(
        store.listWebhookDeliveries(ws, c.subscriptionId, { limit: 10 }),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.getWebhookDelivery(ws, c.subscriptionId, first!.deliveryId)).toBe(
        undefined,
      );
      expect(await claim(store, T0 + LEASE * 2)).toEqual([]);
    });

    it('keeps the digest settings of each workspace', async () => {
      const { store, ws, other } = ctx();
      expect(await store.getDigestSettings(ws)).toBeUndefined();
      const settings = {
        channelIds: ['c1', 'c2'],
        hour: 8,
        timeZone: 'Europe/Paris',
        waitingHours: 24,
      };
      await store.putDigestSettings(ws, settings, T0);
      expect(await store.getDigestSettings(ws)).toEqual({ ...settings, updatedAt: T0 });
      expect(await store.getDigestSettings(other)).toBeUndefined();
      await store.putDigestSettings(other, { ...settings, hour: null }, T0);
      const listed = (await store.listDigestSettings()).filter((d) =>
        [ws, other].includes(d.workspaceId),
      );
      // Only those whose digest is on.
      expect(listed).toEqual([{ ...settings, workspaceId: ws }]);

      const changed = { ...settings, channelIds: [], hour: 17, timeZone: 'UTC', waitingHours: 4 };
      await store.putDigestSettings(ws, changed, T0 + 1);
      expect(await store.getDigestSettings(ws)).toEqual({ ...changed, updatedAt: T0 + 1 });
      await expect(store.putDigestSettings('nope', settings, T0)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('claims an owner’s digest of a day once, per workspace', async () => {
      const { store, ws, other } = ctx();
      expect(await store.claimDigestSend(ws, 'ann@example.com', '2026-01-01', T0)).toBe(true);
      expect(await store.claimDigestSend(ws, 'ann@example.com', '2026-01-01', T0 + 1)).toBe(false);
      expect(await store.claimDigestSend(ws, 'bob@example.com', '2026-01-01', T0)).toBe(true);
      expect(await store.claimDigestSend(ws, 'ann@example.com', '2026-01-02', T0)).toBe(true);
      expect(await store.claimDigestSend(other, 'ann@example.com', '2026-01-01', T0)).toBe(true);
      // Two servers at once: one of them.
      const both = await Promise.all([
        store.claimDigestSend(ws, 'cy@example.com', '2026-01-01', T0),
        store.claimDigestSend(ws, 'cy@example.com', '2026-01-01', T0),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      // A claim in a transaction that rolls back is no claim.
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.claimDigestSend(ws, 'dee@example.com', '2026-01-01', T0)).toBe(true);
          throw new Error('enqueueing the digest failed');
        }),
      ).rejects.toThrow('enqueueing the digest failed');
      expect(await store.claimDigestSend(ws, 'dee@example.com', '2026-01-01', T0)).toBe(true);
    });
  });
}

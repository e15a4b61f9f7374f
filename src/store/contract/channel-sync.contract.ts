// Contract: a sync channel's batch claim (more of its own due lane heads, under a lease, each
// delivery to one claim only) and what a channel last wrote per lead.
import { beforeEach, describe, expect, it } from 'vitest';
import type { NewNotification, Store } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';
import { enqueue, useNoWebhooks } from './webhooks.contract.js';

const LEASE = 60_000;

const changed = (leadId: string, n: number): NewNotification => ({
  type: 'lead.changed',
  leadId,
  data: { n },
  at: T0 + n,
});

const syncChannel = (store: Store, ws: string, name: string) =>
  store.createChannel(
    ws,
    { kind: 'hubspot', name, config: {}, secrets: '', sync: {}, createdBy: null },
    T0,
  );

export function channelSyncContract(makeStore: MakeStore): void {
  describe('channel write-back: batch claims and sync state', () => {
    const ctx = useContext(makeStore);
    useNoWebhooks(ctx);
    beforeEach(async () => {
      // The worker's claim reads every workspace: no other test's channels in the way.
      const { store } = ctx();
      for (const workspace of await store.listWorkspaces())
        for (const channel of await store.listChannels(workspace.id))
          await store.deleteChannel(workspace.id, channel.id);
    });

    it("claims more of one channel's due heads, each once, in lane order", async () => {
      const { store, ws } = ctx();
      const a = await syncChannel(store, ws, 'a');
      const b = await syncChannel(store, ws, 'b');
      const leads = ['l1', 'l2', 'l3', 'l4'];
      await enqueue(
        store,
        ws,
        leads.map((l, i) => changed(l, i)),
      );
      const first = await store.claimWebhookDeliveries({ now: T0 + 10, limit: 1, leaseMs: LEASE });
      expect(first).toHaveLength(1);
      const channelId = first[0]!.channelId!;
      const more = await store.claimChannelDeliveries(ws, channelId, {
        now: T0 + 10,
        limit: 100,
        leaseMs: LEASE,
      });
      // The rest of that channel's heads, not the one already held, none of the other channel.
      expect(more.map((d) => d.channelId)).toEqual(Array(3).fill(channelId));
      expect([first[0]!.leadId, ...more.map((d) => d.leadId)].sort()).toEqual(leads);
      expect(new Set(more.map((d) => d.claim)).size).toBe(1);
      expect(
        await store.claimChannelDeliveries(ws, channelId, {
          now: T0 + 10,
          limit: 100,
          leaseMs: LEASE,
        }),
      ).toEqual([]);
      // A change queued behind a held head is not a head: it waits for the head's end.
      await enqueue(store, ws, [changed('l1', 20)]);
      expect(
        await store.claimChannelDeliveries(ws, channelId, {
          now: T0 + 30,
          limit: 100,
          leaseMs: LEASE,
        }),
      ).toEqual([]);
      // After the lease, held deliveries can be taken again.
      const again = await store.claimChannelDeliveries(ws, channelId, {
        now: T0 + 10 + LEASE,
        limit: 2,
        leaseMs: LEASE,
      });
      expect(again).toHaveLength(2);
      const other = channelId === a.id ? b.id : a.id;
      const others = await store.claimChannelDeliveries(ws, other, {
        now: T0 + 10,
        limit: 100,
        leaseMs: LEASE,
      });
      expect(others.map((d) => d.leadId).sort()).toEqual(leads);
      expect(
        await store.claimChannelDeliveries(ws, 'no-such-channel', {
          now: T0,
          limit: 10,
          leaseMs: LEASE,
        }),
      ).toEqual([]);
    });

    it('keeps what each channel last wrote per lead, gone with the channel', async () => {
      const { store, ws, other } = ctx();
      const a = await syncChannel(store, ws, 'a');
      const b = await syncChannel(store, ws, 'b');
      await store.putChannelSyncStates(
        ws,
        a.id,
        [
          { leadId: 'l1', hash: 'h1', remoteId: '501' },
          { leadId: 'l2', hash: 'h2', remoteId: null },
        ],
        T0,
      );
      await store.putChannelSyncStates(
        ws,
        b.id,
        [{ leadId: 'l1', hash: 'b1', remoteId: null }],
        T0,
      );
      // A later write replaces the hash and keeps a known remote id it does not name.
      await store.putChannelSyncStates(
        ws,
        a.id,
        [
          { leadId: 'l1', hash: 'h1x', remoteId: null },
          { leadId: 'l2', hash: 'h2x', remoteId: 'c2' },
          { leadId: 'l2', hash: 'h2y', remoteId: 'c2' },
        ],
        T0 + 1,
      );
      expect(await store.getChannelSyncStates(ws, a.id, ['l1', 'l2', 'l3'])).toEqual(
        new Map([
          ['l1', { hash: 'h1x', remoteId: '501' }],
          ['l2', { hash: 'h2y', remoteId: 'c2' }],
        ]),
      );
      expect(await store.getChannelSyncStates(ws, b.id, ['l1'])).toEqual(
        new Map([['l1', { hash: 'b1', remoteId: null }]]),
      );
      expect(await store.getChannelSyncStates(other, a.id, ['l1'])).toEqual(new Map());
      expect(await store.getChannelSyncStates(ws, a.id, [])).toEqual(new Map());
      await store.clearChannelSyncStates(ws, b.id);
      expect(await store.getChannelSyncStates(ws, b.id, ['l1'])).toEqual(new Map());
      expect((await store.getChannelSyncStates(ws, a.id, ['l1'])).size).toBe(1);
      await store.deleteChannel(ws, a.id);
      expect(await store.getChannelSyncStates(ws, a.id, ['l1', 'l2'])).toEqual(new Map());
    });
  });
}

// The storage port's channel part. A channel's messages are outbox deliveries of its
// subscription (`Channel.subscriptionId`): the webhook delivery methods list, read and redeliver
// them, and the webhook worker claims them (ClaimedDelivery.channelId says whose they are).
import type { Channel, ChannelPatch, DigestSettings, NewChannel } from './channel-records.js';

export interface ChannelMethods {
  /**
   * With its delivery queue (which receives `lead.changed` when `sync` is set). Throws
   * StoreError 'not_found' for an unknown workspace, 'conflict' when the name is taken.
   */
  createChannel(ws: string, channel: NewChannel, now: number): Promise<Channel>;
  getChannel(ws: string, id: string): Promise<Channel | undefined>;
  /** Oldest first. */
  listChannels(ws: string): Promise<Channel[]>;
  /**
   * Throws StoreError 'not_found' for an unknown channel, 'conflict' when the new name is taken.
   * Setting or clearing `sync` starts or stops its `lead.changed` messages; enabling and
   * disabling act on its queue as for a webhook.
   */
  updateChannel(ws: string, id: string, patch: ChannelPatch, now: number): Promise<Channel>;
  /** With its queue, deliveries and attempts; true when it existed. */
  deleteChannel(ws: string, id: string): Promise<boolean>;

  /** Undefined when never set. */
  getDigestSettings(ws: string): Promise<(DigestSettings & { updatedAt: number }) | undefined>;
  putDigestSettings(ws: string, settings: DigestSettings, now: number): Promise<void>;
  /** Every workspace whose digest is on (hour not null), with its settings. */
  listDigestSettings(): Promise<(DigestSettings & { workspaceId: string })[]>;
  /**
   * Claims the digest of one owner for one day: true for the first caller only, so several
   * servers send it once. Run it in the transaction that enqueues the digest's messages.
   */
  claimDigestSend(ws: string, owner: string, day: string, now: number): Promise<boolean>;
}

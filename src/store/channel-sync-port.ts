// The storage port's write-back part: a sync channel's batch claim (more of its own due
// deliveries, under the worker's lease rules) and what each channel last wrote for each lead.
import type { ClaimedDelivery } from './webhook-records.js';

/** What a channel last wrote for a lead. */
export interface ChannelSyncState {
  /** A digest of the visible values written (the service decides what goes in). */
  hash: string;
  /** The record's id in the destination, when it answered one. */
  remoteId: string | null;
}

export interface ChannelSyncMethods {
  /**
   * claimWebhookDeliveries for one channel's queue only: up to `limit` of its due deliveries
   * (lane heads, oldest due first) taken for `leaseMs`, skipping those another claim holds. None
   * when the channel is unknown or disabled.
   */
  claimChannelDeliveries(
    ws: string,
    channelId: string,
    options: { now: number; limit: number; leaseMs: number },
  ): Promise<ClaimedDelivery[]>;
  /** The leads among these the channel wrote, with what it wrote last. */
  getChannelSyncStates(
    ws: string,
    channelId: string,
    leadIds: readonly string[],
  ): Promise<Map<string, ChannelSyncState>>;
  /** Replaces what the channel last wrote for these leads (a lead named twice keeps its last). */
  putChannelSyncStates(
    ws: string,
    channelId: string,
    states: readonly ({ leadId: string } & ChannelSyncState)[],
    now: number,
  ): Promise<void>;
  /** Forgets what the channel wrote (a backfill writes every lead again). */
  clearChannelSyncStates(ws: string, channelId: string): Promise<void>;
}

// A write-back channel's batch: the worker claims as many deliveries as it has slots (a few), so
// when the ones it claimed are a sync channel's, this claims more of that channel's due
// deliveries (lane heads only, under the same lease) up to SYNC_BATCH, the size of one call to
// HubSpot's batch upsert and of a Segment batch (Salesforce's collections take 200).
import type { ClaimedDelivery, Store } from '../../store/port.js';
import { KIND_SETTINGS } from './kind-settings.js';

export const SYNC_BATCH = 100;

export async function moreToSync(
  store: Store,
  clock: () => number,
  deliveries: readonly ClaimedDelivery[],
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const first = deliveries[0];
  if (!first || first.channelId === null || deliveries.length >= SYNC_BATCH) return [];
  const channel = await store.getChannel(first.workspaceId, first.channelId);
  if (!channel || channel.sync === null || !KIND_SETTINGS[channel.kind].syncs) return [];
  return store.claimChannelDeliveries(first.workspaceId, channel.id, {
    now: clock(),
    limit: SYNC_BATCH - deliveries.length,
    leaseMs,
  });
}

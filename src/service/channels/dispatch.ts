// The ChannelDispatch the delivery worker uses: finds the channel of the claimed deliveries,
// opens its secrets, and hands them to its kind's sender. What cannot be sent as it stands (a
// channel gone, secrets that cannot be opened) fails for good with the
// reason, never retried for nothing.
import type { ClaimedDelivery, Store } from '../../store/port.js';
import { PLAIN_SECRETS, type SecretBox } from '../secret-box.js';
import { moreToSync } from './sync-batch-claim.js';
import type { ChannelAttempt, ChannelDispatch } from './channel-dispatch.js';
import { openChannel } from './open-channel.js';
import { CHANNEL_SENDERS, type SenderContext } from './senders.js';

export interface DispatchDeps {
  store: Store;
  clock: () => number;
  secrets?: SecretBox;
  /** Where people reach the dashboard; read at each send (known once the server listens). */
  publicUrl: () => string | undefined;
  log: (line: string) => void;
  /** The webhooks' SSRF guard for senders that call a URL (on unless false). */
  blockPrivateNetworks?: boolean;
}

export function channelDispatch(deps: DispatchDeps): ChannelDispatch {
  return {
    async send(deliveries) {
      const first = deliveries[0];
      if (!first || first.channelId === null) return [];
      const refuse = (error: string): ChannelAttempt[] =>
        deliveries.map(() => ({
          statusCode: null,
          error: `not sent: ${error}`,
          latencyMs: 0,
          responseExcerpt: null,
          permanent: true,
        }));
      const channel = await deps.store.getChannel(first.workspaceId, first.channelId);
      if (!channel) return refuse(`channel ${first.channelId} no longer exists`);
      const sender = CHANNEL_SENDERS[channel.kind];
      const opened = openChannel(channel, deps.secrets ?? PLAIN_SECRETS);
      if (!opened.ok) return refuse(opened.error);
      return sender.send(opened.channel, deliveries as ClaimedDelivery[], senderContext(deps));
    },
    more: (deliveries, leaseMs) => moreToSync(deps.store, deps.clock, deliveries, leaseMs),
  };
}

export function senderContext(deps: DispatchDeps): SenderContext {
  return {
    store: deps.store,
    clock: deps.clock,
    publicUrl: deps.publicUrl(),
    log: deps.log,
    ...(deps.blockPrivateNetworks === undefined
      ? {}
      : { blockPrivateNetworks: deps.blockPrivateNetworks }),
  };
}

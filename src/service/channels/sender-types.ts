// What a channel's sender is: the interface each kind's sender implements, and what it is given
// (kept apart from the registry in senders.ts, which imports the senders).
import type { Channel, ClaimedDelivery, Store } from '../../store/port.js';
import type { ChannelAttempt } from './channel-dispatch.js';

/** A channel with its secrets opened (never logged, never answered back). */
export interface OpenChannel {
  channel: Channel;
  /** Parsed with the kind's secrets schema (kind-settings.ts). */
  secrets: Record<string, unknown>;
}

export interface SenderContext {
  store: Store;
  /** Epoch ms now. */
  clock: () => number;
  /** Where people reach the dashboard (LEADSCORE_PUBLIC_URL): links to leads point there. */
  publicUrl: string | undefined;
  log: (line: string) => void;
  /** Refuse service URLs on private networks (the webhooks' SSRF guard); on unless false. */
  blockPrivateNetworks?: boolean;
}

export interface ChannelSender {
  /** Sends deliveries of this channel; one report per delivery, in order. Never throws. */
  send(
    open: OpenChannel,
    deliveries: readonly ClaimedDelivery[],
    context: SenderContext,
  ): Promise<ChannelAttempt[]>;
  /**
   * A test send (`POST /v1/channels/{id}/test`): a sample message to the channel (e-mail to `to`,
   * or the signed-in person), or for write-back a call that proves the credentials work
   * (never a change to a real record). Never throws.
   */
  test(open: OpenChannel, context: SenderContext, to: string | undefined): Promise<ChannelAttempt>;
}

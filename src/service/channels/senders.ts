// The sender of each kind of channel: what the delivery worker (through ChannelDispatch) and a
// test send call. Each kind's module says how it reaches its service.
import type { ChannelKind } from '../../store/port.js';
import { hubspotSender } from './hubspot-sender.js';
import { salesforceSender } from './salesforce-sender.js';
import { segmentSender } from './segment-sender.js';
import type { ChannelSender } from './sender-types.js';

export type { ChannelSender, OpenChannel, SenderContext } from './sender-types.js';

/** Filled in per kind; a kind without a sender refuses to send with a clear error. */
export const CHANNEL_SENDERS: Partial<Record<ChannelKind, ChannelSender>> = {
  segment: segmentSender,
  hubspot: hubspotSender,
  salesforce: salesforceSender,
};

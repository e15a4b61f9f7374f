// The sender of each kind of channel: what the delivery worker (through ChannelDispatch) and a
// test send call. Each kind's module says how it reaches its service; the interface is in
// sender-types.ts, which the senders import (importing this registry would make a cycle).
import type { ChannelKind } from '../../store/port.js';
import { emailSender } from './email-sender.js';
import { hubspotSender } from './hubspot-sender.js';
import { salesforceSender } from './salesforce-sender.js';
import { segmentSender } from './segment-sender.js';
import type { ChannelSender } from './sender-types.js';
import { slackSender } from './slack-sender.js';

export type { ChannelSender, OpenChannel, SenderContext } from './sender-types.js';

/** Every kind's sender. */
export const CHANNEL_SENDERS: Record<ChannelKind, ChannelSender> = {
  email: emailSender,
  slack: slackSender,
  segment: segmentSender,
  hubspot: hubspotSender,
  salesforce: salesforceSender,
};

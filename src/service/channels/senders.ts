// The sender of each kind of channel: what the delivery worker (through ChannelDispatch) and a
// test send call. Each kind's module says how it reaches its service; the interface is in
// sender-types.ts, which the senders import (importing this registry would make a cycle).
import type { ChannelKind } from '../../store/port.js';
import { emailSender } from './email-sender.js';
import type { ChannelSender } from './sender-types.js';
import { slackSender } from './slack-sender.js';

export type { ChannelSender, OpenChannel, SenderContext } from './sender-types.js';

/** Filled in per kind; a kind without a sender refuses to send with a clear error. */
export const CHANNEL_SENDERS: Partial<Record<ChannelKind, ChannelSender>> = {
  email: emailSender,
  slack: slackSender,
};

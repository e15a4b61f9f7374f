// The normalised Segment message the rest of leadscore reads, one shape per call type.
import { PAGE_EVENT } from '../segment-event.js';

type Fields = Record<string, unknown>;

interface MessageBase {
  /** As sent; null when absent (see deriveMessageId for a stable one). */
  messageId: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** Epoch ms of the event, clock skew corrected (see eventTime). */
  time: number;
  /** Epoch ms when the server received the request. */
  receivedAt: number;
  context: Fields;
  /** The message exactly as received, extra fields included, for storage and replay. */
  raw: Fields;
}

export interface IdentifyMessage extends MessageBase {
  type: 'identify';
  traits: Fields;
  /** The Segment-reserved `traits.company` object, which fills `company.*` without a group. */
  companyTraits: Fields | null;
}

export interface TrackMessage extends MessageBase {
  type: 'track';
  event: string;
  properties: Fields;
}

export interface PageMessage extends MessageBase {
  type: 'page';
  name: string | null;
  event: typeof PAGE_EVENT;
  /** With `name` and `category` folded in, as Segment's libraries do. */
  properties: Fields;
}

export interface GroupMessage extends MessageBase {
  type: 'group';
  groupId: string;
  traits: Fields;
}

export interface AliasMessage extends MessageBase {
  type: 'alias';
  previousId: string;
  userId: string;
}

export type SegmentMessage =
  IdentifyMessage | TrackMessage | PageMessage | GroupMessage | AliasMessage;

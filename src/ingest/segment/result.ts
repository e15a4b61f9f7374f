// What the parsers hand the HTTP routes: an accepted message, or a refusal saying where and why.
import { isRecord } from '../../core/fields.js';
import type { SegmentMessage } from './message.js';
import type { Rejected } from './step.js';

export type SegmentCallResult =
  | { kind: 'accepted'; message: SegmentMessage }
  | {
      kind: 'rejected';
      /** The call's own messageId when it had a usable one, so a client can match the refusal. */
      messageId: string | null;
      /** Full path of the offending field (`batch[3].timestamp`); null when the whole body is at fault. */
      field: string | null;
      /** Starts with the path when there is one: `batch[3].timestamp: timestamp "..." is not ...`. */
      reason: string;
      /** True when it was refused for its size (over the 32 KB or 500 KB limit). */
      tooLarge: boolean;
    };

export type SegmentCallRejection = Extract<SegmentCallResult, { kind: 'rejected' }>;

/** Joins the message's place (`batch[3]`, or '' for a single call) with the step's field. */
export function toRejection(
  rejection: Rejected,
  message: unknown,
  prefix: string,
): SegmentCallRejection {
  const inner = rejection.field ?? '';
  const field = prefix === '' ? inner : inner === '' ? prefix : `${prefix}.${inner}`;
  return {
    kind: 'rejected',
    messageId: peekMessageId(message),
    field: field === '' ? null : field,
    reason: field === '' ? rejection.reason : `${field}: ${rejection.reason}`,
    tooLarge: rejection.tooLarge === true,
  };
}

function peekMessageId(message: unknown): string | null {
  if (!isRecord(message)) return null;
  const id = message.messageId;
  return (typeof id === 'string' && id !== '') || typeof id === 'number' ? String(id) : null;
}

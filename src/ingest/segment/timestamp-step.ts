// Pipeline step: the event's time per the Segment spec, correcting client clock skew.
import { ok, type Step } from './step.js';
import type { IdentifiedCall } from './identity-step.js';

export interface TimedCall extends IdentifiedCall {
  /** Epoch ms of the event. */
  time: number;
}

export interface EventTimes {
  timestamp?: number | undefined;
  originalTimestamp?: number | undefined;
  sentAt?: number | undefined;
}

/**
 * `timestamp` when given (server libraries and imports set it on purpose); else the device's
 * `originalTimestamp` moved by the device's clock error, which `sentAt` (device clock) versus
 * `receivedAt` (our clock) reveals: receivedAt - (sentAt - originalTimestamp). Without `sentAt`
 * the error is unknown and originalTimestamp is taken as is; with no time at all, receivedAt.
 */
export function eventTime(times: EventTimes, receivedAt: number): number {
  if (times.timestamp !== undefined) return times.timestamp;
  if (times.originalTimestamp === undefined) return receivedAt;
  if (times.sentAt === undefined) return times.originalTimestamp;
  return receivedAt - (times.sentAt - times.originalTimestamp);
}

export interface TimestampOptions {
  /** Epoch ms when the server received the request: passed in, never read from a clock. */
  receivedAt: number;
  /** The batch's `sentAt`, for messages that carry none (analytics-node sets it per batch). */
  sentAt?: number | undefined;
}

export function createTimestampStep(options: TimestampOptions): Step<IdentifiedCall, TimedCall> {
  return (input) => {
    const { timestamp, originalTimestamp } = input.call;
    const sentAt = input.call.sentAt ?? options.sentAt;
    return ok({
      ...input,
      time: eventTime({ timestamp, originalTimestamp, sentAt }, options.receivedAt),
    });
  };
}

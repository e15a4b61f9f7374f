// How the delivery worker hands channel messages to their senders. The worker claims due
// deliveries as for webhooks; those of a channel (ClaimedDelivery.channelId) are grouped per
// channel and given to `ChannelDispatch.send` together, so a sender may batch them (HubSpot's
// batch upsert, Salesforce's composite API) and answers one report per delivery.
import type { ClaimedDelivery } from '../../store/port.js';
import type { AttemptReport } from '../webhooks/send.js';

/** What came of one delivery's attempt (`error` null exactly when it succeeded). */
export interface ChannelAttempt extends AttemptReport {
  /**
   * The service asked to wait (HTTP 429 or 503 with Retry-After): the next attempt comes no
   * sooner than this many ms after the attempt, whatever the backoff says.
   */
  retryAfterMs?: number;
  /**
   * It can never succeed as it is (a refused address, a 400 for this record, a channel whose
   * settings or secrets cannot be used): failed for good now, without the retries.
   */
  permanent?: boolean;
}

export interface ChannelDispatch {
  /**
   * Sends deliveries of one channel (all share `channelId` and `workspaceId`), answering one
   * report per delivery in the same order. Never throws: a failure is a report.
   */
  send(deliveries: readonly ClaimedDelivery[]): Promise<ChannelAttempt[]>;
  /**
   * More deliveries to send with these (all of one channel), claimed for `leaseMs` as the
   * worker's own claims are: a write-back channel's batch grows to its API's batch size, while
   * the worker claims only as many as it has slots. Never throws (none on any failure).
   */
  more?(deliveries: readonly ClaimedDelivery[], leaseMs: number): Promise<ClaimedDelivery[]>;
}

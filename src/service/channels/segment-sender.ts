// Write-back to a Segment-compatible HTTP API (Segment, RudderStack, Jitsu, another leadscore)
// with @segment/analytics-node: one `identify` per lead (userId: the lead id; traits: the
// configured field names with the lead's values, and its e-mail), sent as one batch request of
// up to 100 to the channel's host and path, flushed before the send answers.
// The library's own retries are turned off: its HTTP client is wrapped so each answer is kept
// for the outbox (which retries with backoff and honours Retry-After across restarts) and the
// library is told the batch is settled. https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/
import { Analytics, FetchHTTPClient, type HTTPClient } from '@segment/analytics-node';
import type { ChannelAttempt } from './channel-dispatch.js';
import { segmentConfigSchema, type SegmentSecrets } from './kind-settings.js';
import type { ChannelSender, OpenChannel } from './sender-types.js';
import { attemptOf, networkFailure, SYNC_CALL_TIMEOUT_MS } from './sync-answer.js';
import { sendSync, type LeadWrite } from './sync-batch.js';
import type { LeadSyncState } from './sync-state.js';

const BATCH = 100;

/** What came of each request: the userIds it carried and its report. */
interface Sent {
  userIds: string[];
  attempt: ChannelAttempt;
}

/** The real client, keeping each answer; anything but a success reads as settled (400) to the library. */
function keepingClient(sent: Sent[]): HTTPClient {
  const real = new FetchHTTPClient();
  return {
    async makeRequest(request) {
      const userIds = (
        (JSON.parse(request.body) as { batch?: { userId?: string }[] }).batch ?? []
      ).map((e) => String(e.userId));
      const started = Date.now();
      try {
        const response = await real.makeRequest(request);
        const headers = response.headers;
        const retryAfter =
          headers && typeof (headers as { get?: unknown }).get === 'function'
            ? (headers as { get(k: string): string | null }).get('retry-after')
            : ((headers as Record<string, string> | undefined)?.['retry-after'] ?? null);
        const body = response.text ? await response.text() : '';
        const attempt = attemptOf(
          { status: response.status, retryAfter, body, latencyMs: Date.now() - started },
          Date.now(),
        );
        sent.push({ userIds, attempt });
        return attempt.error === null
          ? response
          : { status: 400, statusText: 'kept for the outbox' };
      } catch (error) {
        sent.push({ userIds, attempt: networkFailure(error, Date.now() - started) });
        return { status: 400, statusText: 'kept for the outbox' };
      }
    },
  };
}

function analyticsOf(open: OpenChannel, sent: Sent[]): Analytics {
  const config = segmentConfigSchema.parse(open.channel.config);
  const analytics = new Analytics({
    writeKey: (open.secrets as SegmentSecrets).writeKey,
    host: config.host,
    path: config.path,
    flushAt: BATCH,
    maxRetries: 0,
    httpRequestTimeout: SYNC_CALL_TIMEOUT_MS,
    httpClient: keepingClient(sent),
  });
  // Failures are read from `sent`; the library's error events say the same.
  analytics.on('error', () => undefined);
  return analytics;
}

async function writeSegment(
  open: OpenChannel,
  states: readonly LeadSyncState[],
  deliveryIds: ReadonlyMap<string, string>,
  now: number,
): Promise<Map<string, LeadWrite>> {
  const sent: Sent[] = [];
  const analytics = analyticsOf(open, sent);
  for (const state of states)
    analytics.identify({
      userId: state.leadId,
      messageId: `leadscore-${open.channel.id}-${deliveryIds.get(state.leadId) ?? state.hash}`,
      timestamp: new Date(now),
      traits: { ...state.properties, ...(state.email ? { email: state.email } : {}) },
    });
  await analytics.closeAndFlush({ timeout: SYNC_CALL_TIMEOUT_MS * 2 });
  const byUser = new Map<string, ChannelAttempt>();
  for (const s of sent) for (const id of s.userIds) byUser.set(id, s.attempt);
  const results = new Map<string, LeadWrite>();
  for (const state of states)
    results.set(state.leadId, {
      attempt: byUser.get(state.leadId) ?? networkFailure(new Error('not flushed in time'), 0),
    });
  return results;
}

export const segmentSender: ChannelSender = {
  send: (open, deliveries, context) =>
    sendSync(open, deliveries, context, (states, _ids, _settings, deliveryIds) =>
      writeSegment(open, states, deliveryIds, context.clock()),
    ),
  async test(open, context) {
    // An empty batch proves the host, path and write key without writing any profile.
    const sent: Sent[] = [];
    const config = segmentConfigSchema.parse(open.channel.config);
    const client = keepingClient(sent);
    const key = Buffer.from(`${(open.secrets as SegmentSecrets).writeKey}:`).toString('base64');
    await client.makeRequest({
      url: `${config.host.replace(/\/$/, '')}${config.path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${key}` },
      body: JSON.stringify({ batch: [], sentAt: new Date(context.clock()).toISOString() }),
      httpRequestTimeout: SYNC_CALL_TIMEOUT_MS,
    });
    return sent[0]?.attempt ?? networkFailure(new Error('no request was made'), 0);
  },
};

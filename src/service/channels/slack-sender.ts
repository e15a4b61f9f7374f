// The Slack channel's sender: posts a segment action's message (`channel.slack`) or an owner's
// digest (`channel.digest`) as Block Kit blocks to the channel's incoming webhook with
// @slack/webhook (https://api.slack.com/messaging/webhooks). Slack's answers: 429 asks to wait
// (Retry-After, in seconds), another 4xx (invalid_payload, channel_not_found, ...) fails for
// good, a 5xx or no answer is retried by the worker (the library's own retries are off).
import {
  IncomingWebhook,
  IncomingWebhookHTTPError,
  type FetchFunction,
  type IncomingWebhookSendArguments,
} from '@slack/webhook';
import type { ClaimedDelivery } from '../../store/port.js';
import type { ChannelAttempt } from './channel-dispatch.js';
import { guardedFetch, PrivateNetworkError } from './guarded-fetch.js';
import { slackSecretsSchema } from './kind-settings.js';
import { digestMessageSchema, slackMessageSchema } from './message-data.js';
import { sampleCard } from './sample-card.js';
import type { ChannelSender, OpenChannel, SenderContext } from './sender-types.js';
import { renderActionSlack, type RenderedSlack } from './templates/action-slack.js';
import { renderDigestSlack } from './templates/digest-slack.js';

const TIMEOUT_MS = 30_000;
/** When a 429 names no Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

export const slackSender: ChannelSender = {
  async send(open, deliveries, context) {
    const reports: ChannelAttempt[] = [];
    for (const delivery of deliveries)
      reports.push(await post(open, messageOf(delivery, context), context));
    return reports;
  },
  async test(open, context) {
    const lead = sampleCard(context.clock());
    return post(
      open,
      renderActionSlack(
        { text: 'A test message from leadscore: *{{lead.displayName}}*', lead },
        context.publicUrl,
      ),
      context,
    );
  },
};

function messageOf(delivery: ClaimedDelivery, context: SenderContext): RenderedSlack {
  if (delivery.type === 'channel.slack') {
    const message = slackMessageSchema.safeParse(delivery.data);
    if (!message.success) return { ok: false, error: 'the message is not a Slack action message' };
    return renderActionSlack(message.data, context.publicUrl);
  }
  if (delivery.type === 'channel.digest') {
    const message = digestMessageSchema.safeParse(delivery.data);
    if (!message.success) return { ok: false, error: 'the message is not a digest' };
    return renderDigestSlack(message.data, context.publicUrl);
  }
  return { ok: false, error: `a Slack channel does not send ${delivery.type} messages` };
}

async function post(
  open: OpenChannel,
  message: RenderedSlack,
  context: SenderContext,
): Promise<ChannelAttempt> {
  if (!message.ok) return failed(`not sent: ${message.error}`);
  const secrets = slackSecretsSchema.safeParse(open.secrets);
  if (!secrets.success) return failed("not sent: the channel's webhook URL is not set");
  // The library keeps no response headers on its errors: the fetch it is given notes them.
  let retryAfter: string | null = null;
  const guarded = guardedFetch(context.blockPrivateNetworks);
  const noting: FetchFunction = async (url, init) => {
    const response = await guarded(url, init as RequestInit);
    retryAfter = response.headers.get('retry-after');
    return response;
  };
  const webhook = new IncomingWebhook(secrets.data.webhookUrl, {
    fetch: noting,
    timeout: TIMEOUT_MS,
    retryConfig: { retries: 0 },
  });
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const payload: IncomingWebhookSendArguments = {
      text: message.text,
      blocks: message.blocks as unknown as IncomingWebhookSendArguments['blocks'],
    };
    const result = await webhook.send(payload);
    return {
      statusCode: 200,
      error: null,
      latencyMs: latencyMs(),
      responseExcerpt: excerpt(result.text),
    };
  } catch (error) {
    if (error instanceof IncomingWebhookHTTPError) {
      const status = error.statusCode;
      const report: ChannelAttempt = {
        statusCode: status,
        error: `HTTP ${status}`,
        latencyMs: latencyMs(),
        responseExcerpt: excerpt(error.body),
      };
      if (status === 429) return { ...report, retryAfterMs: retryAfterMs(retryAfter) };
      return status >= 400 && status < 500 ? { ...report, permanent: true } : report;
    }
    // No answer: the library's message names the cause, never the URL's secret path.
    const cause = (error as { original?: Error }).original ?? (error as Error);
    if (cause instanceof PrivateNetworkError)
      return { ...failed(`not sent: ${cause.message}`), latencyMs: latencyMs() };
    return {
      statusCode: null,
      error: `no answer from Slack: ${cause.name === 'TimeoutError' ? 'timed out' : cause.message}`,
      latencyMs: latencyMs(),
      responseExcerpt: null,
    };
  }
}

/** Retry-After in seconds (or an HTTP date), as ms from now. */
function retryAfterMs(header: string | null): number {
  if (header === null) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - Date.now());
}

function failed(error: string): ChannelAttempt {
  return { statusCode: null, error, latencyMs: 0, responseExcerpt: null, permanent: true };
}

const excerpt = (text: string) => (text === '' ? null : text.slice(0, 1024));

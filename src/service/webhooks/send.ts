// One webhook attempt over HTTP: POST the signed payload, wait at most the timeout, and say what
// came of it (status, error, latency, the start of the response body).
import { isIP } from 'node:net';
import { Agent, fetch, type Dispatcher, type Response } from 'undici';
import type { WebhookAttempt } from '../../store/port.js';
import { guardedLookup, privateNetworkRefusal, type Resolve } from './private-network.js';

/** How much of the response body an attempt keeps. */
export const EXCERPT_BYTES = 1024;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What came of an attempt: `error` is null exactly when it succeeded (a 2xx answer). */
export type AttemptReport = Omit<WebhookAttempt, 'at'>;

/**
 * Sends the request; never throws: a refusal, a reset or the timeout is an error in the report.
 * Private networks are refused unless `blockPrivateNetworks` is false.
 */
export async function sendWebhook(
  request: WebhookRequest,
  timeoutMs: number,
  options: { blockPrivateNetworks?: boolean; resolve?: Resolve } = {},
): Promise<AttemptReport> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const latency = () => Math.round(performance.now() - started);
  try {
    let dispatcher: Dispatcher | undefined;
    if (options.blockPrivateNetworks !== false) {
      // An address in the URL is checked here; a name when the socket resolves it.
      const host = new URL(request.url).hostname.replace(/^\[|\]$/g, '');
      const refusal = isIP(host) ? await privateNetworkRefusal(request.url) : undefined;
      if (refusal)
        return { statusCode: null, error: refusal, latencyMs: latency(), responseExcerpt: null };
      dispatcher = guardedAgent(options.resolve);
    }
    const response = await fetch(request.url, {
      ...(dispatcher ? { dispatcher } : {}),
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'leadscore-webhooks',
        ...request.headers,
      },
      body: request.body,
      // A redirect is an answer other than 2xx: following it could lead anywhere.
      redirect: 'manual',
      signal,
    });
    const excerpt = await readExcerpt(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      statusCode: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      latencyMs: latency(),
      responseExcerpt: excerpt,
    };
  } catch (error) {
    return {
      statusCode: null,
      error: signal.aborted ? `timed out after ${timeoutMs} ms` : describeFailure(error),
      latencyMs: latency(),
      responseExcerpt: null,
    };
  }
}

/** The first EXCERPT_BYTES of the body as text (null when empty); the rest is not read. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (size === 0) return null;
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
}

const agents = new Map<Resolve | undefined, Agent>();

/** A connection pool whose sockets connect only to addresses the guard let through. */
function guardedAgent(resolve: Resolve | undefined): Agent {
  let agent = agents.get(resolve);
  if (!agent)
    agents.set(resolve, (agent = new Agent({ connect: { lookup: guardedLookup(resolve) } })));
  return agent;
}

/** fetch's own message is "fetch failed": the cause says what really happened. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'EPRIVATE' && typeof cause?.message === 'string') return cause.message;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection reset (${code})`;
  if (code === 'ENOTFOUND') return 'host not found (ENOTFOUND)';
  const message = typeof cause?.message === 'string' ? cause.message : String(error);
  return code ? `${message} (${code})` : message;
}

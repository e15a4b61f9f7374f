// The fetch senders give their HTTP clients (@slack/webhook): with the SSRF guard on, as for
// webhooks (src/service/webhooks/private-network.ts), a URL whose host is or resolves to a
// loopback, private or link-local address is refused, the address checked being the one the
// socket connects to; with it off (LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1) the plain fetch.
import { isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { guardedLookup, privateNetworkRefusal } from '../webhooks/private-network.js';

let agent: Agent | undefined;

/** Thrown for a refused URL: its message says why (no secret part of the URL). */
export class PrivateNetworkError extends Error {}

export function guardedFetch(block: boolean | undefined): typeof fetch {
  if (block === false) return fetch;
  agent ??= new Agent({ connect: { lookup: guardedLookup() } });
  const dispatcher = agent;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const refusal = isIP(host) ? await privateNetworkRefusal(url) : undefined;
    if (refusal) throw new PrivateNetworkError(refusal);
    try {
      return (await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher,
      })) as unknown as Response;
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown; message?: string } }).cause;
      if (cause?.code === 'EPRIVATE') throw new PrivateNetworkError(String(cause.message));
      throw error;
    }
  }) as typeof fetch;
}

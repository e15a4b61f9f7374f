// How a write-back API's answer becomes a delivery's report: 2xx succeeded; 429, or 503 with
// Retry-After, waits as asked (retryAfterMs); another 4xx about one record fails it for good;
// 5xx and network errors are retried with the worker's backoff.
import type { ChannelAttempt } from './channel-dispatch.js';

/** Per call to a write-back API; the worker's lease is longer than a few of them. */
export const SYNC_CALL_TIMEOUT_MS = 10_000;

const EXCERPT = 500;

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface HttpAnswer {
  status: number;
  retryAfter?: string | null;
  body: string;
  latencyMs: number;
}

/** The report of an answer that concerns the records of one call. */
export function attemptOf(answer: HttpAnswer, now: number): ChannelAttempt {
  const { status, latencyMs } = answer;
  const excerpt = answer.body.slice(0, EXCERPT) || null;
  if (status >= 200 && status < 300)
    return { statusCode: status, error: null, latencyMs, responseExcerpt: excerpt };
  const report = {
    statusCode: status,
    error: `HTTP ${status}`,
    latencyMs,
    responseExcerpt: excerpt,
  };
  const wait = retryAfterMs(answer.retryAfter, now);
  if (status === 429 || (status === 503 && wait !== undefined))
    return wait === undefined ? report : { ...report, retryAfterMs: wait };
  if (status >= 400 && status < 500 && status !== 408) return { ...report, permanent: true };
  return report;
}

/** A call that got no answer (refused, reset, timed out): retried. */
export function networkFailure(error: unknown, latencyMs: number): ChannelAttempt {
  const reason = error instanceof Error ? error.message : String(error);
  return { statusCode: null, error: `no answer: ${reason}`, latencyMs, responseExcerpt: null };
}

/** Rejects after `ms` (the call itself may still end later; its answer is then ignored). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

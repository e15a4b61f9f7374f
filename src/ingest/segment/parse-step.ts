// Pipeline step: a raw request body (text or bytes) parsed as JSON; parsed bodies pass through.
import { ok, rejected, type Step } from './step.js';

/** Raw bodies are what the HTTP layer has before its own parser; both forms are accepted. */
export function isRawBody(body: unknown): body is string | Uint8Array {
  return typeof body === 'string' || body instanceof Uint8Array;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function createParseStep(): Step<unknown, unknown> {
  return (body) => {
    if (!isRawBody(body)) return ok(body);
    try {
      const text = typeof body === 'string' ? body : decoder.decode(body);
      return ok(JSON.parse(text) as unknown);
    } catch (error) {
      const detail = error instanceof Error ? `: ${error.message}` : '';
      return rejected(`body is not valid UTF-8 JSON${detail}`);
    }
  };
}

// Pipeline step: a raw request body (text or bytes) parsed as JSON; parsed bodies pass through.
import { decodeUtf8 } from '../json-safety.js';
import { ok, rejected, type Step, type StepResult } from './step.js';

/** Raw bodies are what the HTTP layer has before its own parser; both forms are accepted. */
export function isRawBody(body: unknown): body is string | Uint8Array {
  return typeof body === 'string' || body instanceof Uint8Array;
}

/**
 * The body's text; bytes that are not UTF-8 are refused with the offset of the first bad one,
 * never replaced by U+FFFD (that would store something the sender never sent).
 */
export function decodeBody(body: string | Uint8Array): StepResult<string> {
  if (typeof body === 'string') return ok(body);
  const decoded = decodeUtf8(body);
  return decoded.ok
    ? ok(decoded.text)
    : rejected(`body is not valid UTF-8: invalid byte sequence at byte offset ${decoded.offset}`);
}

export function createParseStep(): Step<unknown, unknown> {
  return (body) => {
    if (!isRawBody(body)) return ok(body);
    const text = decodeBody(body);
    if (text.kind === 'rejected') return text;
    try {
      return ok(JSON.parse(text.value) as unknown);
    } catch (error) {
      const detail = error instanceof Error ? `: ${error.message}` : '';
      return rejected(`body is not valid JSON${detail}`);
    }
  };
}

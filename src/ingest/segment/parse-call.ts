// `/v1/identify|track|page|group|alias`: one Segment call, from body to normalised message.
import { byteLength, createSizeStep, MAX_CALL_BYTES, serialisedBytes } from './limits.js';
import { createMessagePipeline } from './message-pipeline.js';
import { createStorableStep } from './storable-step.js';
import { createParseStep, isRawBody } from './parse-step.js';
import { toRejection, type SegmentCallResult } from './result.js';
import type { SegmentCallType } from './schemas.js';

export interface ParseOptions {
  /** Epoch ms when the request arrived: the server's clock, read by the caller. */
  receivedAt: number;
  /**
   * Bytes of the body as received (Content-Length or the raw buffer's length). Optional when
   * `body` is the raw text or bytes; for an already parsed body without it, the re-serialised
   * size is used, which ignores the sender's whitespace.
   */
  bodyBytes?: number;
}

const callSize = createSizeStep({ maxBytes: MAX_CALL_BYTES, what: 'call' });
const parse = createParseStep();
const storable = createStorableStep();

/**
 * `type` is the endpoint's: a body without `type` takes it, one with another type is refused.
 * `body` is the raw JSON (string or bytes) or the value an HTTP framework already parsed.
 */
export function parseSegmentCall(
  type: SegmentCallType,
  body: unknown,
  options: ParseOptions,
): SegmentCallResult {
  const bytes = options.bodyBytes ?? (isRawBody(body) ? byteLength(body) : undefined);
  if (bytes !== undefined) {
    const sized = callSize(bytes);
    if (sized.kind === 'rejected') return toRejection(sized, undefined, '');
  }
  const parsed = parse(body);
  if (parsed.kind === 'rejected') return toRejection(parsed, undefined, '');
  const checked = storable(parsed.value);
  if (checked.kind === 'rejected') return toRejection(checked, parsed.value, '');
  if (bytes === undefined) {
    const sized = callSize(serialisedBytes(parsed.value));
    if (sized.kind === 'rejected') return toRejection(sized, parsed.value, '');
  }
  const message = createMessagePipeline({ receivedAt: options.receivedAt, routeType: type })(
    parsed.value,
  );
  return message.kind === 'ok'
    ? { kind: 'accepted', message: message.value }
    : toRejection(message, parsed.value, '');
}

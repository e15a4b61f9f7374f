// `/v1/batch`: a batch is refused whole only for its envelope; each message stands alone.
import { isRecord } from '../../core/fields.js';
import {
  byteLength,
  createSizeStep,
  MAX_BATCH_BYTES,
  MAX_CALL_BYTES,
  serialisedBytes,
} from './limits.js';
import { createMessagePipeline } from './message-pipeline.js';
import type { ParseOptions } from './parse-call.js';
import { createParseStep, isRawBody } from './parse-step.js';
import { toRejection, type SegmentCallResult } from './result.js';
import { batchEnvelopeSchema } from './schemas.js';
import { rejected, type Rejected } from './step.js';
import { createStorableStep } from './storable-step.js';
import { fieldPath } from './validate-step.js';

/** One result per element of `batch`, in input order, each carrying its index. */
export type SegmentBatchItem = SegmentCallResult & { index: number };

export type SegmentBatchResult =
  | { kind: 'ok'; items: SegmentBatchItem[] }
  | { kind: 'rejected'; field: string | null; reason: string; tooLarge: boolean };

const batchSize = createSizeStep({ maxBytes: MAX_BATCH_BYTES, what: 'batch' });
const messageSize = createSizeStep({ maxBytes: MAX_CALL_BYTES, what: 'message' });
const parse = createParseStep();
const storable = createStorableStep();

export function parseSegmentBatch(body: unknown, options: ParseOptions): SegmentBatchResult {
  const bytes = options.bodyBytes ?? (isRawBody(body) ? byteLength(body) : undefined);
  if (bytes !== undefined) {
    const sized = batchSize(bytes);
    if (sized.kind === 'rejected') return whole(sized);
  }
  const parsed = parse(body);
  if (parsed.kind === 'rejected') return whole(parsed);
  if (!isRecord(parsed.value))
    return whole(rejected('expected a JSON object with a "batch" array'));
  // The envelope's context is merged into every message: unstorable text or nesting there fails
  // them all, so the batch is refused whole, pointing at the envelope's field. Messages are
  // judged below, before the context is merged in: so each envelope field is held to the depth
  // limit as it would sit in a message (`context` one level down).
  for (const [key, value] of Object.entries(parsed.value)) {
    if (key === 'batch') continue;
    const checked = storable({ [key]: value });
    if (checked.kind === 'rejected') return whole({ ...checked, field: checked.field ?? key });
  }
  // zod checks the envelope only (elements are `unknown`): each message is judged on its own below.
  const envelope = batchEnvelopeSchema.safeParse(parsed.value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    const field = issue === undefined ? undefined : fieldPath(issue);
    return whole(rejected(issue?.message ?? 'invalid batch', field));
  }
  const { batch, sentAt, context } = envelope.data;
  if (bytes === undefined) {
    // Pre-parsed without its size: the sum of the messages that can be serialised safely; a
    // message too deep for that is refused on its own below.
    const total = batch.reduce<number>(
      (sum, message) => sum + (storable(message).kind === 'ok' ? serialisedBytes(message) : 0),
      0,
    );
    const sized = batchSize(total);
    if (sized.kind === 'rejected') return whole(sized);
  }
  const pipeline = createMessagePipeline({ receivedAt: options.receivedAt, sentAt, context });
  const items = batch.map((message, index): SegmentBatchItem => {
    const place = `batch[${index}]`;
    const checked = storable(message);
    if (checked.kind === 'rejected') return { ...toRejection(checked, message, place), index };
    const sized = messageSize(serialisedBytes(message));
    if (sized.kind === 'rejected') return { ...toRejection(sized, message, place), index };
    const result = pipeline(message);
    return result.kind === 'ok'
      ? { kind: 'accepted', message: result.value, index }
      : { ...toRejection(result, message, place), index };
  });
  return { kind: 'ok', items };
}

function whole(rejection: Rejected): SegmentBatchResult {
  const field = rejection.field ?? null;
  return {
    kind: 'rejected',
    field,
    reason: field === null ? rejection.reason : `${field}: ${rejection.reason}`,
    tooLarge: rejection.tooLarge === true,
  };
}

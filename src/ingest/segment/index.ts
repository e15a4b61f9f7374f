// The Segment-spec ingestion front: what the `/v1/*` routes call.
export { parseSegmentCall, type ParseOptions } from './parse-call.js';
export {
  parseSegmentBatch,
  type SegmentBatchItem,
  type SegmentBatchResult,
} from './parse-batch.js';
export type { SegmentCallResult, SegmentCallRejection } from './result.js';
export type {
  AliasMessage,
  GroupMessage,
  IdentifyMessage,
  PageMessage,
  SegmentMessage,
  TrackMessage,
} from './message.js';
export { toScoringEvent } from './scoring-event.js';
export { deriveMessageId, canonicalJson } from './message-id.js';
export { eventTime } from './timestamp-step.js';
export { decodeBody } from './parse-step.js';
export { MAX_BATCH_BYTES, MAX_CALL_BYTES, MAX_DEPTH, byteLength } from './limits.js';
export { SEGMENT_CALL_TYPES, type SegmentCallType } from './schemas.js';

// Segment calls for tests: a batch parsed by the real pipeline, every call accepted (a test that
// builds a bad one on purpose fails loudly, naming the field).
import { parseSegmentBatch, type SegmentMessage } from '../src/ingest/segment/index.js';

export function segmentMessages(batch: unknown[], receivedAt: number): SegmentMessage[] {
  const parsed = parseSegmentBatch({ batch }, { receivedAt });
  if (parsed.kind !== 'ok') throw new Error(parsed.reason);
  return parsed.items.map((item) => {
    if (item.kind !== 'accepted') throw new Error(`${item.field}: ${item.reason}`);
    return item.message;
  });
}

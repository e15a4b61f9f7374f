// The partitions a message touches: a known lead's track its lead's only, a link both sides, a
// group call all, a visitor with the lead it was linked to, a reused messageId with the first.
import { describe, expect, it } from 'vitest';
import { parseSegmentBatch, type SegmentMessage } from '../../ingest/segment/index.js';
import { LeadPartitions, partitionOfLead } from './lead-partition.js';

const COUNT = 8;
const at = '2026-06-01T12:00:00Z';

function message(raw: Record<string, unknown>): SegmentMessage {
  const parsed = parseSegmentBatch({ batch: [{ timestamp: at, ...raw }] }, { receivedAt: 0 });
  const item = parsed.kind === 'ok' ? parsed.items[0] : undefined;
  if (item?.kind !== 'accepted') throw new Error('not accepted');
  return item.message;
}

const p = (id: string) => partitionOfLead(id, COUNT);
/** A visitor whose own partition differs from u1's. */
const visitor = ['v1', 'v2', 'v3', 'v4', 'v5'].find((v) => p(v) !== p('u1'))!;
const sorted = (...ps: number[]) => [...new Set(ps)].sort((a, b) => a - b);

describe('LeadPartitions', () => {
  it("puts a known lead's track in its partition, whatever visitor it carries", () => {
    const parts = new LeadPartitions(COUNT);
    const track = message({ type: 'track', userId: 'u1', anonymousId: visitor, event: 'E' });
    expect(parts.of('w', track)).toEqual([p('u1')]);
  });

  it('puts a link in both partitions, then the visitor with its lead', () => {
    const parts = new LeadPartitions(COUNT);
    const identify = message({ type: 'identify', userId: 'u1', anonymousId: visitor });
    expect(parts.of('w', identify)).toEqual(sorted(p('u1'), p(visitor)));
    const anonymous = message({ type: 'track', anonymousId: visitor, event: 'E' });
    expect(parts.of('w', anonymous)).toEqual([p('u1')]);
    // Another workspace learnt nothing.
    expect(parts.of('x', anonymous)).toEqual([p(visitor)]);
  });

  it('puts a group call in every partition, and one partition is all there is', () => {
    const group = message({ type: 'group', userId: 'u1', groupId: 'acme' });
    expect(new LeadPartitions(COUNT).of('w', group)).toHaveLength(COUNT);
    const track = message({ type: 'track', userId: 'u1', event: 'E' });
    expect(new LeadPartitions(1).of('w', track)).toEqual([0]);
  });

  it("adds the partitions of a messageId's first lead to a later call reusing it", () => {
    const parts = new LeadPartitions(COUNT);
    const other = ['u2', 'u3', 'u4', 'u5', 'u6'].find((u) => p(u) !== p('u1'))!;
    parts.of('w', message({ type: 'track', messageId: 'm', userId: 'u1', event: 'E' }));
    const reused = message({ type: 'track', messageId: 'm', userId: other, event: 'E' });
    expect(parts.of('w', reused)).toEqual(sorted(p('u1'), p(other)));
  });
});

// Which partitions of a workspace's leads an ingestion message touches, so that runs in flight at
// once hold disjoint leads. A lead's partition is a stable hash of its id (the same on every
// server). A call naming a userId is about that lead: a track or page touches its partition
// only (the anonymousId it carries, as SDKs send it once a user is known, links nothing); an
// identify or alias links a visitor to it, so it touches the visitor's partition too. A visitor
// counts as the lead this process last saw it linked to, else as itself. A group call sets a
// company's traits, which the next refit of any lead there reads: it touches every partition.
// A messageId seen lately with another lead adds that lead's partitions (messageIds are unique
// per workspace: the first to arrive is stored, the other a duplicate). The partitions only
// decide which runs may go at once; correctness comes from the runs' sorted locks (a run also
// locks the visitor ids its calls carry), so a wrong guess (a visitor linked by another server,
// a visitor whose own calls run in another partition) costs a wait, not a wrong score.
import type { SegmentMessage } from '../../ingest/segment/index.js';
import { BoundedMap } from '../bounded-map.js';

/** 32-bit FNV-1a over the UTF-16 code units: stable across processes and servers. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const partitionOfLead = (id: string, count: number) => hashId(id) % count;

/** Visitors' leads remembered, all workspaces together. */
const VISITORS = 100_000;
/** MessageIds remembered: more than the calls pending and in flight at once. */
const MESSAGE_IDS = 20_000;

export class LeadPartitions {
  /** The lead each visitor (anonymousId, alias previousId) was last seen linked to. */
  private readonly leadOfVisitor = new BoundedMap<string>(VISITORS);
  private readonly ofMessageId = new BoundedMap<readonly number[]>(MESSAGE_IDS);
  private readonly all: readonly number[];

  constructor(readonly count: number) {
    this.all = Array.from({ length: count }, (_, i) => i);
  }

  /** The partitions the message touches, ascending; learns from it for the messages after it. */
  of(ws: string, message: SegmentMessage): readonly number[] {
    if (this.count === 1) return this.all;
    const touched = message.type === 'group' ? this.all : this.leadsOf(ws, message);
    this.learn(ws, message);
    const id = message.messageId === null ? undefined : `${ws}\u001f${message.messageId}`;
    if (id === undefined) return touched;
    const before = this.ofMessageId.get(id);
    const partitions =
      before === undefined || before.every((p) => touched.includes(p))
        ? touched
        : [...new Set([...touched, ...before])].sort((a, b) => a - b);
    this.ofMessageId.set(id, partitions);
    return partitions;
  }

  private leadsOf(ws: string, message: SegmentMessage): number[] {
    const visitor = (id: string) => this.leadOfVisitor.get(`${ws}\u001f${id}`) ?? id;
    const ids: string[] = [];
    if (message.userId !== null) ids.push(message.userId);
    if (message.type === 'alias') ids.push(visitor(message.previousId));
    else if (
      message.anonymousId !== null &&
      (message.userId === null || message.type === 'identify')
    )
      ids.push(visitor(message.anonymousId));
    const touched = new Set(ids.map((id) => partitionOfLead(id, this.count)));
    return [...touched].sort((a, b) => a - b);
  }

  /**
   * A call that links a visitor to a lead (an identify, an alias): the visitor's next calls go with
   * that lead. Other calls naming both link nothing, so they teach nothing.
   */
  private learn(ws: string, message: SegmentMessage): void {
    const visitor =
      message.type === 'alias'
        ? message.previousId
        : message.type === 'identify'
          ? message.anonymousId
          : null;
    if (message.userId !== null && visitor !== null)
      this.leadOfVisitor.set(`${ws}\u001f${visitor}`, message.userId);
  }
}

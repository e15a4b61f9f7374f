// The first part of an ingestion run: each call gets the lead it is about, and the calls are
// stored in arrival order with their leads. A call naming only a visitor is about the lead the
// visitor is linked to as the calls before it left the links. Whether a call links anything is
// known only once it is inserted (a repeated messageId links nothing), so when a call before it
// that links that visitor (an identify or an alias) is not stored yet, the calls before it are
// stored first: one more insert, only in a run where a visitor is linked and then calls again
// without its userId.
import { deriveMessageId, type SegmentMessage } from '../../ingest/segment/index.js';
import type { StoreTx } from '../../store/port.js';
import { callToStore } from '../scoring/stored-events.js';

export interface StoredCall {
  message: SegmentMessage;
  messageId: string;
  /** The known lead it is about, or null for a visitor not linked to a lead yet. */
  leadId: string | null;
  /** Event time, already clamped to the time the call arrived. */
  time: number;
  /** False for a repeated messageId: the call changed nothing. */
  inserted: boolean;
  seq: number;
}

export const messageIdOf = (message: SegmentMessage) =>
  message.messageId ?? deriveMessageId(message.raw);

// A device clock ahead of ours must not put an event in the future: it happened by the time it
// reached us.
const eventTimeOf = (message: SegmentMessage) => Math.min(message.time, message.receivedAt);

/** The visitor a call links to its userId once stored: an identify's anonymousId, an alias's previousId. */
function linkedBy(message: SegmentMessage): string | null {
  if (message.type === 'alias') return message.previousId;
  if (message.type === 'identify' && message.userId !== null) return message.anonymousId;
  return null;
}

/** `links`: the visitors linked when the run began (see visitor-links). */
export async function storeCalls(
  tx: StoreTx,
  ws: string,
  messages: readonly SegmentMessage[],
  links: ReadonlyMap<string, string>,
  now: number,
): Promise<StoredCall[]> {
  const linked = new Map(links);
  const calls: StoredCall[] = [];
  let stored = 0;
  // Visitors a call not stored yet links.
  const pending = new Set<string>();
  const storePart = async () => {
    const part = calls.slice(stored);
    if (part.length === 0) return;
    const leadIds = part.flatMap((c) => (c.leadId === null ? [] : [c.leadId]));
    await tx.ensureLeads(ws, leadIds, now);
    const results = await tx.insertEvents(
      ws,
      part.map((c) => callToStore(c.message, c.messageId, c.leadId, c.time)),
    );
    part.forEach((call, i) => {
      const { inserted, seq } = results[i]!;
      call.inserted = inserted;
      call.seq = seq;
      const visitor = linkedBy(call.message);
      if (visitor !== null && inserted) linked.set(visitor, call.message.userId!);
    });
    stored = calls.length;
    pending.clear();
  };
  for (const message of messages) {
    const visitor = message.userId === null ? message.anonymousId : null;
    if (visitor !== null && pending.has(visitor)) await storePart();
    calls.push({
      message,
      messageId: messageIdOf(message),
      leadId: message.userId ?? (visitor === null ? null : (linked.get(visitor) ?? null)),
      time: eventTimeOf(message),
      // Set once stored.
      inserted: false,
      seq: 0,
    });
    const linking = linkedBy(message);
    if (linking !== null) pending.add(linking);
  }
  await storePart();
  return calls;
}

// The leads the anonymous ids of an ingestion run were linked to when it began: each id asked of
// the store once per run. The run carries this map forward as its own calls link visitors.
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { StoreTx } from '../../store/port.js';

/** The anonymous ids whose link the run reads: those of calls naming no lead, and of identifies. */
export function visitorsOf(messages: readonly SegmentMessage[]): Set<string> {
  const ids = new Set<string>();
  for (const m of messages)
    if (m.anonymousId !== null && (m.userId === null || m.type === 'identify'))
      ids.add(m.anonymousId);
  return ids;
}

/** Each linked id with its lead; ids linked to no lead are absent. */
export async function linksOf(
  tx: StoreTx,
  ws: string,
  anonymousIds: Iterable<string>,
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const id of anonymousIds) {
    const leadId = await tx.resolveIdentity(ws, id);
    if (leadId !== undefined) links.set(id, leadId);
  }
  return links;
}

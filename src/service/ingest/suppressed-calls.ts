// Refuses the calls of an ingestion run that name a suppressed id (an erased lead's userId, or an
// anonymous id or alias that was linked to it), so an erased person is not re-created. Set-based:
// one indexed lookup for all the ids of the run, whatever its size, and the refusals counted in
// the run's own transaction (a run that fails counts nothing). The lookup is made on every run,
// not skipped on a process-local "this workspace has none" cache: another server sharing the
// database may have erased a lead since, and that person would be re-created until the cache
// expired. A primary-key probe is one more statement among the many a run makes anyway.
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { StoreTx } from '../../store/port.js';

/** The field of a refused call that named the suppressed id. */
export type SuppressedField = 'userId' | 'anonymousId' | 'previousId';

/** Why a call was refused: the suppressed id, and the field of the call that named it. */
export interface Refusal {
  field: SuppressedField;
  /** The id in that field, or the erased lead its anonymous id was merged into. */
  id: string;
}

/**
 * For each message, in order: its refusal (the first of its fields naming a suppressed id), or
 * null when none does. `resolved` maps the anonymous ids of the run to the leads they were merged into.
 */
export async function refuseSuppressed(
  tx: StoreTx,
  ws: string,
  messages: readonly SegmentMessage[],
  resolved: ReadonlyMap<string, string>,
  now: number,
): Promise<(Refusal | null)[]> {
  const named = messages.map((m) => idsNamed(m, resolved));
  const suppressed = await tx.suppressedAmong(ws, [
    ...new Set(named.flatMap((ids) => ids.map(([, id]) => id))),
  ]);
  if (suppressed.size === 0) return messages.map(() => null);
  const refusals = new Map<string, number>();
  const fields = named.map((ids) => {
    const hits = ids.filter(([, id]) => suppressed.has(id));
    // A call naming two suppressed ids (a userId and its anonymous id) was refused for both.
    for (const id of new Set(hits.map(([, hit]) => hit)))
      refusals.set(id, (refusals.get(id) ?? 0) + 1);
    const first = hits[0];
    return first ? { field: first[0], id: first[1] } : null;
  });
  await tx.countRefusals(ws, refusals, now);
  return fields;
}

/** Every id the call would store something about, with the field that names it. */
function idsNamed(
  message: SegmentMessage,
  resolved: ReadonlyMap<string, string>,
): [SuppressedField, string][] {
  const ids: [SuppressedField, string][] = [];
  if (message.userId !== null) ids.push(['userId', message.userId]);
  if (message.anonymousId !== null) {
    ids.push(['anonymousId', message.anonymousId]);
    const leadId = resolved.get(message.anonymousId);
    if (leadId !== undefined) ids.push(['anonymousId', leadId]);
  }
  if (message.type === 'alias') ids.push(['previousId', message.previousId]);
  return ids;
}

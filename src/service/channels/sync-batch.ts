// What every write-back sender does with its claimed lead.changed deliveries: reads each lead's
// current state once (several deliveries of one lead are one write), leaves out the leads whose
// visible state is what this channel last wrote (succeeded, "unchanged, not sent"), hands the
// rest to the kind's writer in one batch, keeps what was written, and answers one report per
// delivery from its lead's result.
import type { ClaimedDelivery } from '../../store/port.js';
import type { ChannelAttempt } from './channel-dispatch.js';
import { syncSettingsSchema, type SyncSettings } from './kind-settings.js';
import type { OpenChannel, SenderContext } from './sender-types.js';
import { readSyncStates, type LeadSyncState } from './sync-state.js';

/** One lead's write: the attempt, and the record's id in the destination when it said. */
export interface LeadWrite {
  attempt: ChannelAttempt;
  remoteId?: string | null;
}

/** Known ids of the destination's records, by lead (stored from earlier writes). */
export type RemoteIds = ReadonlyMap<string, string>;

/**
 * Writes the leads' states; one result per lead (a lead left out counts as not sent).
 * `deliveryIds`: each lead's newest delivery in the batch, the same on every attempt of it (a
 * message id that lets a receiver drop a repeated write, but not a later one of equal values).
 */
export type SyncWriter = (
  states: readonly LeadSyncState[],
  remoteIds: RemoteIds,
  settings: SyncSettings,
  deliveryIds: ReadonlyMap<string, string>,
) => Promise<Map<string, LeadWrite>>;

const done = (excerpt: string): ChannelAttempt => ({
  statusCode: null,
  error: null,
  latencyMs: 0,
  responseExcerpt: excerpt,
});
const refused = (error: string): ChannelAttempt => ({
  statusCode: null,
  error,
  latencyMs: 0,
  responseExcerpt: null,
  permanent: true,
});

export async function sendSync(
  open: OpenChannel,
  deliveries: readonly ClaimedDelivery[],
  context: SenderContext,
  write: SyncWriter,
): Promise<ChannelAttempt[]> {
  const { channel } = open;
  const parsed = syncSettingsSchema.safeParse(channel.sync ?? {});
  if (!parsed.success)
    return deliveries.map(() => refused('not sent: the channel has unreadable sync settings'));
  const settings = parsed.data;
  const ws = channel.workspaceId;
  const leadIds = [
    ...new Set(
      deliveries.filter((d) => d.type === 'lead.changed' && d.leadId).map((d) => d.leadId!),
    ),
  ];
  let results: Map<string, LeadWrite>;
  try {
    results = await syncLeads(ws, leadIds);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return deliveries.map(() => ({ ...refused(`not sent: ${reason}`), permanent: false }));
  }
  return deliveries.map((d) => {
    if (d.type !== 'lead.changed' || !d.leadId)
      return refused(`not sent: a ${channel.kind} channel writes lead.changed only, not ${d.type}`);
    return results.get(d.leadId)?.attempt ?? refused('not sent: the writer gave no result');
  });

  async function syncLeads(ws: string, ids: string[]): Promise<Map<string, LeadWrite>> {
    const results = new Map<string, LeadWrite>();
    if (ids.length === 0) return results;
    const states = await readSyncStates(context.store, ws, ids, settings);
    const written = await context.store.getChannelSyncStates(ws, channel.id, ids);
    const toWrite: LeadSyncState[] = [];
    for (const id of ids) {
      const state = states.get(id);
      if (!state) results.set(id, { attempt: done('lead no longer exists, not sent') });
      else if (written.get(id)?.hash === state.hash)
        results.set(id, { attempt: done('unchanged, not sent') });
      else toWrite.push(state);
    }
    if (toWrite.length === 0) return results;
    const remoteIds = new Map<string, string>();
    for (const [id, state] of written) if (state.remoteId) remoteIds.set(id, state.remoteId);
    const deliveryIds = new Map<string, string>();
    for (const d of deliveries) if (d.leadId) deliveryIds.set(d.leadId, d.deliveryId);
    const outcome = await write(toWrite, remoteIds, settings, deliveryIds);
    const kept: { leadId: string; hash: string; remoteId: string | null }[] = [];
    for (const state of toWrite) {
      const result = outcome.get(state.leadId) ?? {
        attempt: refused('not sent: the writer gave no result'),
      };
      results.set(state.leadId, result);
      if (result.attempt.error === null)
        kept.push({ leadId: state.leadId, hash: state.hash, remoteId: result.remoteId ?? null });
    }
    await context.store.putChannelSyncStates(ws, channel.id, kept, context.clock());
    return results;
  }
}

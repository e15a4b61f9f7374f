// A sync channel's backfill: a job that queues one lead.changed per lead of the workspace for
// that channel only, in pages (each page one transaction), its progress the leads queued of the
// total. What the channel last wrote is forgotten first, so every lead is written again (a
// destination that lost its values gets them back); the queue's coalescing keeps a lead that
// already waits to be sent from being queued twice.
import { StoreError, type Job, type Store } from '../../store/port.js';
import { runJob } from '../jobs/run-job.js';
import { KIND_SETTINGS } from './kind-settings.js';

export const BACKFILL_JOB = 'channel.backfill';
const PAGE = 500;

export class NotSyncChannel extends Error {}

export async function startBackfill(
  store: Store,
  ws: string,
  channelId: string,
  clock: () => number,
  /** Called after each page: the delivery worker looks for the new deliveries at once. */
  queued: () => void = () => undefined,
): Promise<{ job: Job; running: Promise<void> }> {
  const channel = await store.getChannel(ws, channelId);
  if (!channel) throw new StoreError('not_found', `no channel "${channelId}"`);
  if (!KIND_SETTINGS[channel.kind].syncs || channel.sync === null)
    throw new NotSyncChannel(
      `channel "${channelId}" does not write leads back (a ${channel.kind} channel${
        KIND_SETTINGS[channel.kind].syncs ? ' without sync settings' : ''
      }): only segment, hubspot and salesforce channels with sync set can be backfilled`,
    );
  const job = await store.createJob(ws, { kind: BACKFILL_JOB, total: 0 }, clock());
  const running = runJob(store, ws, job.id, clock, async (progress) => {
    await store.clearChannelSyncStates(ws, channelId);
    const ids = (await store.listLeadIds(ws, { changedSince: Number.MAX_SAFE_INTEGER })).map(
      (l) => l.id,
    );
    progress(0, ids.length);
    for (let i = 0; i < ids.length; i += PAGE) {
      const at = clock();
      const page = ids.slice(i, i + PAGE);
      await store.transaction((tx) =>
        tx.enqueueNotifications(
          ws,
          page.map((leadId) => ({
            type: 'lead.changed' as const,
            leadId,
            at,
            data: { leadId, cause: 'backfill' },
            channelId,
          })),
        ),
      );
      queued();
      progress(i + page.length, ids.length);
    }
    return { done: ids.length };
  });
  return { job, running };
}

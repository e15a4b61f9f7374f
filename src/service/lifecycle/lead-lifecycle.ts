// A lead's lifecycle as people read and move it over the API: its state with its newest moves,
// and one move in its own transaction, the notifications it calls for enqueued with it.
import {
  StoreError,
  type Lead,
  type LeadLifecycle,
  type LifecycleEntry,
  type Store,
  type StoreTx,
} from '../../store/port.js';
import { lifecyclesOf, type MoveContext } from './apply-move.js';
import type { LifecycleAction } from './moves.js';
import { recordMove } from './record-move.js';

/** The lead's lifecycle now, and its newest moves, newest first. */
export interface LifecycleWithMoves {
  state: LeadLifecycle;
  moves: LifecycleEntry[];
}

/** A move made, or the one the lifecycle rules refuse (from which stage to which, and why). */
export type ManualMove =
  | { ok: true; lifecycle: LifecycleWithMoves; notified: boolean }
  | { ok: false; from: LeadLifecycle['stage']; to: LeadLifecycle['stage']; message: string };

const notFound = (id: string) => new StoreError('not_found', `no lead "${id}"`);

async function withMoves(
  tx: StoreTx,
  ws: string,
  lead: Lead,
  limit: number,
): Promise<LifecycleWithMoves> {
  const state = (await lifecyclesOf(tx, ws, [lead.id], lead.createdAt)).get(lead.id);
  if (!state) throw notFound(lead.id);
  return { state, moves: await tx.listLifecycleEntries(ws, lead.id, { limit }) };
}

/** The lifecycle with its newest `limit` moves; StoreError 'not_found' for an unknown lead. */
export async function leadLifecycle(
  store: Store,
  ws: string,
  id: string,
  limit: number,
): Promise<LifecycleWithMoves> {
  const lead = await store.getLead(ws, id);
  if (!lead) throw notFound(id);
  return withMoves(store, ws, lead, limit);
}

/**
 * Makes one move someone asked for (cause `api`) with the lead held, answering the lifecycle
 * after it with its newest `limit` moves and whether notifications were enqueued (so the caller
 * wakes the webhook worker); StoreError 'not_found' for an unknown lead.
 */
export async function makeMove(
  store: Store,
  ws: string,
  id: string,
  action: LifecycleAction,
  context: Omit<MoveContext, 'cause' | 'causeRef'>,
  limit: number,
): Promise<ManualMove> {
  return store.transaction(async (tx): Promise<ManualMove> => {
    await tx.lockLeads(ws, [id]);
    const lead = await tx.getLead(ws, id);
    if (!lead) throw notFound(id);
    const result = await recordMove(tx, ws, lead, action, {
      ...context,
      cause: 'api',
      causeRef: null,
    });
    // A refused move wrote nothing: the transaction commits empty.
    if (!result.ok) return result;
    if (result.notifications.length > 0) await tx.enqueueNotifications(ws, result.notifications);
    return {
      ok: true,
      lifecycle: await withMoves(tx, ws, lead, limit),
      notified: result.notifications.length > 0,
    };
  });
}

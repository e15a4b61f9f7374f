// One lifecycle move of one lead over the API, in the caller's transaction: the rules checked
// against its current stage, the entry and new stage written, the notifications it calls for.
import type {
  LeadLifecycle,
  NewLifecycleEntry,
  NewNotification,
  StoreTx,
} from '../../store/port.js';
import { applyMove, lifecyclesOf, saveMoves, type MoveContext } from './apply-move.js';
import { feedbackNotifications } from './feedback-notification.js';
import type { LifecycleAction } from './moves.js';

export type RecordedMove =
  | {
      ok: true;
      entry: NewLifecycleEntry;
      state: LeadLifecycle;
      /** lead.feedback_recorded for feedback and outcomes: enqueue them in the same transaction. */
      notifications: NewNotification[];
    }
  | { ok: false; from: LeadLifecycle['stage']; to: LeadLifecycle['stage']; message: string };

/** Moves the lead (which the caller made sure exists, and holds) when the rules allow it. */
export async function recordMove(
  tx: StoreTx,
  ws: string,
  lead: { id: string; createdAt: number },
  action: LifecycleAction,
  context: MoveContext,
): Promise<RecordedMove> {
  const state = (await lifecyclesOf(tx, ws, [lead.id], lead.createdAt)).get(lead.id);
  if (!state) throw new Error(`no lifecycle for lead ${lead.id}`);
  const move = applyMove(state, action, context);
  if (!move.ok) return move;
  await saveMoves(tx, ws, [move]);
  return { ...move, notifications: feedbackNotifications([move.entry]) };
}

// Lifecycle moves the scoring path makes on its own (hand-overs to sales, conversions), applied
// in the order their causes came: the leads' lifecycles read together, each move applied in
// memory after the ones before it (a lead converted and then qualified is no longer handed
// over), the entries and each lead's last state written together.
import type { NewLifecycleEntry, StoreTx } from '../../store/port.js';
import {
  applyMove,
  initialLifecycle,
  saveMoves,
  type MoveContext,
  type MoveResult,
} from './apply-move.js';
import type { LifecycleAction } from './moves.js';

export interface OrderedMove {
  leadId: string;
  action: LifecycleAction;
  context: MoveContext;
}

/** For each move, in order: the entry it recorded, or null when the rules refused it. */
export async function applyMovesInOrder(
  tx: StoreTx,
  ws: string,
  items: readonly OrderedMove[],
): Promise<(NewLifecycleEntry | null)[]> {
  if (items.length === 0) return [];
  const states = await tx.getLifecycles(ws, [...new Set(items.map((item) => item.leadId))]);
  const moves: Extract<MoveResult, { ok: true }>[] = [];
  const entries = items.map(({ leadId, action, context }) => {
    // A lead never moved is a subscriber; every move from there changes its stage, and with it
    // the time it is in that stage since, so the time it was created need not be read.
    const state = states.get(leadId) ?? initialLifecycle(leadId, context.at);
    const applied = applyMove(state, action, context);
    if (!applied.ok) return null;
    moves.push(applied);
    states.set(leadId, applied.state);
    return applied.entry;
  });
  await saveMoves(tx, ws, moves);
  return entries;
}

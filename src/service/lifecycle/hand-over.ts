// The hand-over from marketing to sales: a lead entering a segment marked `qualified` becomes an
// MQL (when it is still a subscriber or lead), counted against that segment in the report.
import type { LeadLifecycle, StoreTx } from '../../store/port.js';
import { applyMove, initialLifecycle, saveMoves, type MoveResult } from './apply-move.js';

export interface HandOverItem {
  leadId: string;
  segment: string;
  at: number;
}

/**
 * Called by the scoring path, in its transaction, for each lead entering a qualified segment, in
 * the order they did: read together, moved one after another in memory (a lead handed over twice
 * sees its first move), written together. A lead past marketing (MQL or later, or closed) is left
 * as it is. lead.qualified already tells subscribers of the hand-over: it has no notification.
 */
export async function handOverMany(
  tx: StoreTx,
  ws: string,
  items: readonly HandOverItem[],
): Promise<void> {
  if (items.length === 0) return;
  const states = new Map<string, LeadLifecycle>(
    await tx.getLifecycles(ws, [...new Set(items.map((i) => i.leadId))]),
  );
  const moves: Extract<MoveResult, { ok: true }>[] = [];
  for (const { leadId, segment, at } of items) {
    const state = states.get(leadId) ?? initialLifecycle(leadId, at);
    const move = applyMove(
      state,
      { type: 'hand_over', segment },
      { cause: 'scoring', causeRef: segment, actor: null, at },
    );
    if (!move.ok) continue;
    moves.push(move);
    states.set(leadId, move.state);
  }
  await saveMoves(tx, ws, moves);
}

/** One lead entering the qualified `segment` at `at`. */
export function handOver(
  tx: StoreTx,
  ws: string,
  leadId: string,
  segment: string,
  at: number,
): Promise<void> {
  return handOverMany(tx, ws, [{ leadId, segment, at }]);
}

// The hand-over from marketing to sales: a lead entering a segment marked `qualified` becomes an
// MQL (when it is still a subscriber or lead), counted against that segment in the report.
import type { NewNotification, StoreTx } from '../../store/port.js';
import { applyMove, lifecyclesOf, saveMoves } from './apply-move.js';

/**
 * Called by the scoring path, in its transaction, when `leadId` enters the qualified `segment`
 * at `at`. A lead past marketing (MQL or later, or closed) is left as it is. Answers the
 * notifications to enqueue: none today, as lead.qualified already tells of the hand-over.
 */
export async function handOver(
  tx: StoreTx,
  ws: string,
  leadId: string,
  segment: string,
  at: number,
): Promise<NewNotification[]> {
  const state = (await lifecyclesOf(tx, ws, [leadId], at)).get(leadId);
  if (!state) return [];
  const move = applyMove(
    state,
    { type: 'hand_over', segment },
    { cause: 'scoring', causeRef: segment, actor: null, at },
  );
  if (move.ok) await saveMoves(tx, ws, [move]);
  return [];
}

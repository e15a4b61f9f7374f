// The hand-over from marketing to sales: a lead entering a segment marked `qualified` becomes an
// MQL (when it is still a subscriber or lead), counted against that segment in the report.
import type { StoreTx } from '../../store/port.js';
import { applyMovesInOrder, type OrderedMove } from './moves-in-order.js';

export interface HandOverItem {
  leadId: string;
  segment: string;
  at: number;
}

/**
 * The move of a lead entering a qualified segment. A lead past marketing (MQL or later, or
 * closed) is left as it is. lead.qualified already tells subscribers of the hand-over: it has no
 * notification.
 */
export function handOverMove({ leadId, segment, at }: HandOverItem): OrderedMove {
  return {
    leadId,
    action: { type: 'hand_over', segment },
    context: { cause: 'scoring', causeRef: segment, actor: null, at },
  };
}

/** One lead entering the qualified `segment` at `at`. */
export async function handOver(
  tx: StoreTx,
  ws: string,
  leadId: string,
  segment: string,
  at: number,
): Promise<void> {
  await applyMovesInOrder(tx, ws, [handOverMove({ leadId, segment, at })]);
}

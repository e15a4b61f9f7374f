// The rules of the lifecycle: which move a lead at a stage may make, and why not. Pure: a
// stage and an action in, the stage it leads to (and the kind of move) or a refusal out.
import type { LifecycleKind, LifecycleStage } from '../../store/port.js';

/** The forward path; disqualified and lost are closed side stages off it. */
const PATH: readonly LifecycleStage[] = [
  'subscriber',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
];

/** Stages a lead can still move forward from. */
const OPEN = new Set<LifecycleStage>(['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity']);

/** Position on the path; closed side stages have none. */
function rank(stage: LifecycleStage): number {
  return PATH.indexOf(stage);
}

/** True for stages before the hand-over to sales. */
export function isMarketingStage(stage: LifecycleStage): boolean {
  return rank(stage) >= 0 && rank(stage) < rank('mql');
}

export type LifecycleAction =
  /** Entered a qualified segment: marketing hands the lead to sales. */
  | { type: 'hand_over'; segment: string }
  /** Sales accepts a handed-over lead. */
  | { type: 'accept' }
  /** Sales rejects a handed-over lead (with a reason): it goes back to marketing. */
  | { type: 'reject' }
  /** A purchase: from any stage, again and again for a customer. */
  | { type: 'convert' }
  /** Sales lost the lead (with a reason). */
  | { type: 'lose' }
  /** A plain move forward on the path, or to disqualified (with a reason). */
  | { type: 'advance'; to: LifecycleStage }
  /** An explicit move to any other stage (with a reason): the only way back. */
  | { type: 'reset'; to: LifecycleStage };

export type MoveDecision =
  | { ok: true; to: LifecycleStage; kind: LifecycleKind }
  | { ok: false; to: LifecycleStage; message: string };

const hasReason = (reason: string | null) => reason !== null && reason.trim() !== '';

/** The stage `action` (with its reason, if any) takes a lead at `from` to, or why it may not. */
export function decideMove(
  from: LifecycleStage,
  action: LifecycleAction,
  reason: string | null,
): MoveDecision {
  const refuse = (to: LifecycleStage, why: string): MoveDecision => ({
    ok: false,
    to,
    message: `cannot move the lead from "${from}" to "${to}": ${why}`,
  });
  const closed = !OPEN.has(from);
  switch (action.type) {
    case 'hand_over':
      if (!isMarketingStage(from))
        return refuse(
          'mql',
          'it is past marketing already (only subscribers and leads are handed over)',
        );
      return { ok: true, to: 'mql', kind: 'handed_over' };
    case 'accept':
    case 'reject': {
      const to = action.type === 'accept' ? 'sal' : 'lead';
      const verb = action.type === 'accept' ? 'accepted' : 'rejected';
      if (from !== 'mql') {
        return refuse(
          to,
          `only a lead handed over to sales (stage "mql") can be ${verb}` +
            (isMarketingStage(from)
              ? ', and this one was not handed over'
              : closed
                ? ', and this one is closed'
                : ', and this one is past it already'),
        );
      }
      if (action.type === 'reject' && !hasReason(reason))
        return refuse(to, 'a rejection needs a reason');
      return { ok: true, to, kind: verb };
    }
    case 'convert':
      return { ok: true, to: 'customer', kind: 'converted' };
    case 'lose':
      if (closed) return refuse('lost', `"${from}" is closed: only a reset moves the lead`);
      if (!hasReason(reason)) return refuse('lost', 'a lost outcome needs a reason');
      return { ok: true, to: 'lost', kind: 'lost' };
    case 'advance':
      return advance(from, action.to, reason, refuse);
    case 'reset':
      if (action.to === from) return refuse(action.to, 'the lead is at that stage already');
      if (!hasReason(reason)) return refuse(action.to, 'a reset needs a reason');
      return { ok: true, to: action.to, kind: 'reset' };
  }
}

/** The sales loop's own stages are reached only by its own moves. */
const REACHED_BY: Partial<Record<LifecycleStage, string>> = {
  mql: 'a lead reaches "mql" when it enters a qualified segment (the hand-over)',
  sal: 'a lead reaches "sal" when sales accepts it (feedback)',
  customer: 'a lead becomes a customer by a converted outcome',
  lost: 'a lead is lost by a lost outcome',
};

function advance(
  from: LifecycleStage,
  to: LifecycleStage,
  reason: string | null,
  refuse: (to: LifecycleStage, why: string) => MoveDecision,
): MoveDecision {
  const only = REACHED_BY[to];
  if (only) return refuse(to, only);
  if (to === from) return refuse(to, 'the lead is at that stage already');
  if (!OPEN.has(from)) return refuse(to, `"${from}" is closed: only a reset moves the lead`);
  if (from === 'mql' && to !== 'disqualified')
    return refuse(to, 'sales accepts or rejects a handed-over lead first (feedback)');
  if (to === 'disqualified') {
    if (!hasReason(reason)) return refuse(to, 'disqualifying a lead needs a reason');
    return { ok: true, to, kind: 'moved' };
  }
  if (rank(to) < rank(from))
    return refuse(
      to,
      `the lifecycle only moves forward ("${to}" comes before "${from}"): use a reset`,
    );
  return { ok: true, to, kind: 'moved' };
}

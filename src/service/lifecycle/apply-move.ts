// One lifecycle move applied to a lead's state: the history entry it appends and the state it
// leaves, or the rules' refusal. Pure; the callers write the results in their transaction.
import type {
  LeadLifecycle,
  LifecycleCause,
  NewLifecycleEntry,
  StoreTx,
} from '../../store/port.js';
import { decideMove, isMarketingStage, type LifecycleAction } from './moves.js';

/** What a move says beyond its action: who or what made it, when, and a conversion's value. */
export interface MoveContext {
  cause: LifecycleCause;
  causeRef: string | null;
  actor: string | null;
  at: number;
  /** Why: needed for a rejection, a lost outcome, a disqualification and a reset. */
  reason?: string | null;
  value?: number | null;
  currency?: string | null;
}

export type MoveResult =
  | { ok: true; entry: NewLifecycleEntry; state: LeadLifecycle }
  | { ok: false; from: LeadLifecycle['stage']; to: LeadLifecycle['stage']; message: string };

/** The state of a lead never moved: a subscriber since it was created. */
export function initialLifecycle(leadId: string, createdAt: number): LeadLifecycle {
  return { leadId, stage: 'subscriber', since: createdAt, handover: null };
}

export function applyMove(
  state: LeadLifecycle,
  action: LifecycleAction,
  context: MoveContext,
): MoveResult {
  const from = state.stage;
  const reason = context.reason?.trim() || null;
  const decision = decideMove(from, action, reason);
  if (!decision.ok) return { ok: false, from, to: decision.to, message: decision.message };
  const { to, kind } = decision;
  let handover = state.handover;
  if (action.type === 'hand_over') handover = { segment: action.segment, at: context.at };
  // A reset back to marketing starts the loop over: later moves count against no hand-over.
  if (kind === 'reset' && isMarketingStage(to)) handover = null;
  const entry: NewLifecycleEntry = {
    leadId: state.leadId,
    kind,
    from,
    to,
    reason,
    cause: context.cause,
    causeRef: context.causeRef,
    actor: context.actor,
    value: context.value ?? null,
    currency: context.currency ?? null,
    at: context.at,
    handover,
  };
  const since = to === from ? state.since : context.at;
  return { ok: true, entry, state: { leadId: state.leadId, stage: to, since, handover } };
}

/**
 * The leads' current lifecycles; a lead never moved is a subscriber since `since` (its creation
 * where the caller knows it: a move from there changes the stage, so the time is then replaced).
 */
export async function lifecyclesOf(
  tx: StoreTx,
  ws: string,
  leadIds: readonly string[],
  since: number,
): Promise<Map<string, LeadLifecycle>> {
  const stored = await tx.getLifecycles(ws, leadIds);
  return new Map(leadIds.map((id) => [id, stored.get(id) ?? initialLifecycle(id, since)]));
}

/** Writes applied moves: their entries in order, and each lead's last state. */
export async function saveMoves(
  tx: StoreTx,
  ws: string,
  moves: readonly { entry: NewLifecycleEntry; state: LeadLifecycle }[],
): Promise<void> {
  if (moves.length === 0) return;
  await tx.appendLifecycleEntries(
    ws,
    moves.map((m) => m.entry),
  );
  await tx.putLifecycles(
    ws,
    moves.map((m) => m.state),
  );
}

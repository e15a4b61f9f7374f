// Brings a lead's stored score state up to date with one new event: the engine's incremental
// path when it can, a rebuild from the lead's whole stored history when a capped rule sees an
// event older than one it already counted.
import type { CompiledModel } from '../../core/compile-model.js';
import type { ScoringEvent } from '../../core/event.js';
import type { FitResult } from '../../core/fit.js';
import type { Adjustment } from '../../core/manual-adjustment.js';
import { applyEvent, initialState, type ScoreState } from '../../core/score-state.js';

export type Advance = { state: ScoreState; rebuilt: boolean };

/**
 * `history` yields the lead's stored events (including the new one) in time order, ties in
 * arrival order; it is only called for a rebuild. The result equals a replay of that history
 * (the engine's property tests hold the incremental path to that).
 */
export async function advanceState(
  compiled: CompiledModel,
  state: ScoreState | undefined,
  fit: FitResult,
  event: ScoringEvent,
  history: () => Promise<readonly ScoringEvent[]>,
): Promise<Advance> {
  const base = state ?? initialState(compiled, fit);
  const applied = applyEvent(compiled, base, event);
  if (applied.ok) return { state: applied.state, rebuilt: false };
  return { state: stateFromHistory(compiled, fit, await history(), base.manual), rebuilt: true };
}

/**
 * A fresh state from a whole history, taken in time order (stable: ties keep their order), with
 * the lead's manual adjustments (they are not events: a rebuild carries them over).
 */
export function stateFromHistory(
  compiled: CompiledModel,
  fit: FitResult,
  events: readonly ScoringEvent[],
  manual?: readonly Adjustment[],
): ScoreState {
  const ordered = [...events].sort((a, b) => a.time - b.time);
  let state: ScoreState = initialState(compiled, fit);
  if (manual && manual.length > 0) state = { ...state, manual: [...manual] };
  for (const event of ordered) {
    const applied = applyEvent(compiled, state, event);
    // In time order a capped rule never sees an older event, so this cannot refuse.
    if (!applied.ok) throw new Error(`rule ${applied.rule} refused an event in time order`);
    state = applied.state;
  }
  return state;
}

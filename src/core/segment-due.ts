// When time alone moves a lead to another segment: decay lowers positive points and lifts
// negative ones, so a lead's score crosses a segment bound at a moment that is known as soon as
// its state changes. The service keeps that moment indexed and acts on it when it comes.
import { DAY_MS, type CompiledModel } from './compile-model.js';
import { gradeRank, segmentFor } from './classify.js';
import { evaluate, expSum, monotonePieces, type ExpTerm } from './exp-sum.js';
import { isActive, manualPoints } from './manual-adjustment.js';
import { readState, type ScoreState } from './score-state.js';

/** How far ahead a change is looked for. */
export const DUE_HORIZON_MS = 10 * 365 * DAY_MS;

/**
 * The first epoch ms after `from` at which the segment read from `state` (as readState reads it)
 * differs from the segment at `from`; null when no such moment comes within `horizonMs`. Exact to
 * the millisecond: the segment one millisecond earlier is still the one at `from`. Manual
 * adjustments count as they stand at `from`: their expiries are due times of their own
 * (`nextExpiry`), which the caller takes when earlier.
 */
export function nextSegmentChange(
  compiled: CompiledModel,
  stateAsGiven: ScoreState,
  from: number,
  horizonMs = DUE_HORIZON_MS,
): number | null {
  // A state cannot be read before its latest event.
  const start = Math.max(from, stateAsGiven.lastEventTime ?? from);
  const state = frozenAdjustments(stateAsGiven, start);
  const segmentAt = (t: number) => readState(compiled, state, t).segment;
  const current = segmentAt(start);

  // score(start + t) = fit + constant + Σ value·2^(−(start + t − ref)/halfLife), one term per rule.
  let constant = state.fit + manualPoints(state.manual, start);
  const terms: ExpTerm[] = [];
  compiled.rules.forEach((rule, i) => {
    const s = state.rules[i];
    if (!s || s.ref === null || s.value === 0) return;
    if (rule.halfLifeMs === undefined) constant += s.value;
    else
      terms.push({
        a: s.value * Math.pow(0.5, (start - s.ref) / rule.halfLifeMs),
        rate: Math.LN2 / rule.halfLifeMs,
      });
  });
  const score = expSum(constant, terms);
  if (score.terms.length === 0) return null;

  // On a piece where the score is monotone the segment can only move one way (every bound is
  // "score >= min" or "score > above"), so it differs inside the piece only if it differs at its
  // end, and then the first differing millisecond is found by bisection on the sum, which is
  // cheap; readState has the last word on the millisecond, as it may round differently.
  const rank = gradeRank(compiled, state.fit);
  const fastSegment = (t: number) =>
    segmentFor(compiled, evaluate(score, t - start), rank, state.qualified).id;
  const pieces = monotonePieces(score, 0, horizonMs, 1);
  for (let i = 0; i + 1 < pieces.length; i++) {
    let lo = start + Math.floor(pieces[i]!);
    let hi = start + Math.ceil(pieces[i + 1]!);
    if (fastSegment(hi) === current && segmentAt(hi) === current) continue;
    while (hi - lo > 1) {
      const mid = Math.floor(lo + (hi - lo) / 2);
      if (fastSegment(mid) === current) lo = mid;
      else hi = mid;
    }
    return settle(hi, current, segmentAt);
  }
  return null;
}

/** Moves `t` by single milliseconds until readState agrees that the segment changes exactly there. */
function settle(t: number, current: string, segmentAt: (t: number) => string): number {
  let due = t;
  for (let steps = 0; steps < 1000 && segmentAt(due) === current; steps++) due++;
  for (let steps = 0; steps < 1000 && segmentAt(due - 1) !== current; steps++) due--;
  return due;
}

/** The state with only its adjustments active at `at`, made to never expire. */
function frozenAdjustments(state: ScoreState, at: number): ScoreState {
  if (!state.manual || state.manual.length === 0) return state;
  const manual = state.manual
    .filter((a) => isActive(a, at))
    .map((a) => ({ ...a, expiresAt: null }));
  return { ...state, manual };
}

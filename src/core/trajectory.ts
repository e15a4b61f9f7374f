// A lead's score over time under one model, from one time-ordered replay of its events: the
// state now, the score just before a given moment (an outcome), and the record highs — every
// time the score rose above all it had been, which is when it first crossed any threshold.
import type { CompiledModel } from './compile-model.js';
import type { ScoringEvent } from './event.js';
import type { FitResult } from './fit.js';
import { applyEvent, initialState, readState, type ScoreState } from './score-state.js';

/** The score reached a new high at `time`. */
export interface ScoreHigh {
  time: number;
  score: number;
}

export interface Trajectory {
  state: ScoreState;
  /** The score at `before` from the events strictly earlier; undefined when none was asked. */
  scoreBefore: number | undefined;
  /** The segment at `before`, likewise. */
  segmentBefore: string | undefined;
  /** Strictly rising: the fit-only score at `start`, then each event that beat every earlier score. */
  highs: ScoreHigh[];
}

/**
 * Replays `events` in time order (stable for ties) from the fit-only state, which counts from
 * `start` (the lead's creation; events before it move it back). Decay only lowers a score, so a
 * high can only come with an event.
 */
export function trajectory(
  compiled: CompiledModel,
  fit: FitResult,
  events: readonly ScoringEvent[],
  start: number,
  before?: number,
): Trajectory {
  const ordered = [...events].sort((a, b) => a.time - b.time);
  let state = initialState(compiled, fit);
  const first = Math.min(start, ordered[0]?.time ?? start);
  const highs: ScoreHigh[] = [{ time: first, score: readState(compiled, state, first).score }];
  let scoreBefore: number | undefined;
  let segmentBefore: string | undefined;
  const readBefore = () => {
    if (before === undefined || scoreBefore !== undefined) return;
    const read = readState(compiled, state, Math.max(before, state.lastEventTime ?? before));
    scoreBefore = read.score;
    segmentBefore = read.segment;
  };
  for (const event of ordered) {
    if (before !== undefined && event.time >= before) readBefore();
    const applied = applyEvent(compiled, state, event);
    // In time order a capped rule never sees an older event, so this cannot refuse.
    if (!applied.ok) throw new Error(`rule ${applied.rule} refused an event in time order`);
    state = applied.state;
    const score = readState(compiled, state, event.time).score;
    if (score > highs[highs.length - 1]!.score) highs.push({ time: event.time, score });
  }
  readBefore();
  return { state, scoreBefore, segmentBefore, highs };
}

// The stored form of a lead's score state. In memory a state holds one entry per rule of the
// model; most leads touch a few rules, so the stored form keeps only the rules an event has
// touched, as arrays instead of objects: under half the bytes for the example model (1,102 →
// 506 for a lead with ten events of the ingestion benchmark), and every event writes the state
// again (both stores, the write-ahead logs, the JSON parsing on both sides). States stored
// before this form (the state object itself) still read as they were.
import type { Adjustment } from './manual-adjustment.js';
import type { ScoreState } from './score-state.js';

type RuleState = ScoreState['rules'][number];

/** [index, value, ref, last, used] and, for a windowed cap with awards inside it, the window. */
type StoredRule =
  | [number, number, number | null, number | null, number]
  | [number, number, number | null, number | null, number, [number, number][]];

export interface StoredState {
  /** Version of this form. */
  v: 2;
  /** fit and fitMatched. */
  f: number;
  m: number[];
  /** How many rules the model had: untouched rules are left out of `r`. */
  n: number;
  r: StoredRule[];
  /** qualified, when any. */
  q?: number[];
  /** lastEventTime. */
  t: number | null;
  /** Manual adjustments, when any. */
  a?: Adjustment[];
}

const untouched = (r: RuleState) =>
  r.value === 0 && r.ref === null && r.last === null && r.used === 0 && r.window.length === 0;

export function encodeState(state: ScoreState): StoredState {
  const r: StoredRule[] = [];
  state.rules.forEach((rule, index) => {
    if (untouched(rule)) return;
    r.push(
      rule.window.length > 0
        ? [index, rule.value, rule.ref, rule.last, rule.used, rule.window]
        : [index, rule.value, rule.ref, rule.last, rule.used],
    );
  });
  return {
    v: 2,
    f: state.fit,
    m: state.fitMatched,
    n: state.rules.length,
    r,
    ...(state.qualified.length > 0 ? { q: state.qualified } : {}),
    t: state.lastEventTime,
    ...(state.manual && state.manual.length > 0 ? { a: state.manual } : {}),
  };
}

/** A state as stored (this form or the earlier full one) back in memory. */
export function decodeState(stored: unknown): ScoreState {
  if (!isStoredState(stored)) {
    // The earlier form was stored as the state object itself, and is read as it was.
    if (typeof stored === 'object' && stored !== null) return stored as ScoreState;
    throw new Error(`a stored score state is not an object: ${JSON.stringify(stored)}`);
  }
  const rules: RuleState[] = Array.from({ length: stored.n }, () => ({
    value: 0,
    ref: null,
    last: null,
    used: 0,
    window: [],
  }));
  for (const [index, value, ref, last, used, window] of stored.r) {
    rules[index] = { value, ref, last, used, window: window ?? [] };
  }
  return {
    fit: stored.f,
    fitMatched: stored.m,
    rules,
    qualified: stored.q ?? [],
    lastEventTime: stored.t,
    ...(stored.a ? { manual: stored.a } : {}),
  };
}

function isStoredState(value: unknown): value is StoredState {
  return typeof value === 'object' && value !== null && (value as { v?: unknown }).v === 2;
}

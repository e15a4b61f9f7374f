// Incremental scoring: a small stored state per lead that absorbs one event at a time in O(1)
// amortised, and reads as a score at any later time. It must always equal the replay path.
import { z } from 'zod';
import type { CompiledModel, CompiledRule } from './compile-model.js';
import { decayFactor } from './decay.js';
import { matchRules, type ScoringEvent } from './event.js';
import type { FitResult } from './fit.js';
import type { LeadScore } from './lead-score.js';
import { adjustmentSchema, manualPoints } from './manual-adjustment.js';
import { classify } from './score-matches.js';

const ruleStateSchema = z.object({
  /** Sum of this rule's awards, decayed to `ref`. */
  value: z.number(),
  /** Reference time (epoch ms) of `value`; null before the first award. */
  ref: z.number().nullable(),
  /** Time of the latest matched event: capped rules need events in time order. */
  last: z.number().nullable(),
  /** Absolute points the cap has used (lifetime) or, for windowed caps, within `window`. */
  used: z.number(),
  /** Windowed caps: [time, |award|] of the awards still inside the window, oldest first. */
  window: z.array(z.tuple([z.number(), z.number()])),
});

export const scoreStateSchema = z.object({
  fit: z.number(),
  fitMatched: z.array(z.number().int()),
  rules: z.array(ruleStateSchema),
  /** Segment indexes reached by a fast-track rule. */
  qualified: z.array(z.number().int()),
  /** Latest event time absorbed; the state can be read as of this time or later. */
  lastEventTime: z.number().nullable(),
  /** The lead's manual adjustments, data the service passes in; they count while active. */
  manual: z.array(adjustmentSchema).optional(),
});

export type ScoreState = z.infer<typeof scoreStateSchema>;
type RuleState = z.infer<typeof ruleStateSchema>;

export function initialState(compiled: CompiledModel, fitResult: FitResult): ScoreState {
  return {
    fit: fitResult.fit,
    fitMatched: [...fitResult.matched],
    rules: compiled.rules.map(() => ({ value: 0, ref: null, last: null, used: 0, window: [] })),
    qualified: [],
    lastEventTime: null,
  };
}

/** The state with a new fit (the lead's traits changed). */
export function withFit(state: ScoreState, fitResult: FitResult): ScoreState {
  return { ...state, fit: fitResult.fit, fitMatched: [...fitResult.matched] };
}

export type ApplyResult =
  | { ok: true; state: ScoreState }
  /** A capped rule already absorbed a later event: caps depend on order, so replay instead. */
  | { ok: false; reason: 'out_of_order'; rule: string };

/**
 * Absorbs one event (not yet seen: the caller dedupes by messageId). Uncapped rules take events
 * in any order; a capped rule needs its events in time order, equal times in arrival order.
 */
export function applyEvent(
  compiled: CompiledModel,
  state: ScoreState,
  event: ScoringEvent,
): ApplyResult {
  const rules = matchRules(compiled, event);
  if (rules.length === 0) return { ok: true, state };
  for (const rule of rules) {
    const last = state.rules[rule.index]?.last;
    if (rule.cap && last !== null && last !== undefined && event.time < last) {
      return { ok: false, reason: 'out_of_order', rule: rule.id };
    }
  }
  const nextRules = state.rules.slice();
  let qualified = state.qualified;
  for (const rule of rules) {
    nextRules[rule.index] = applyToRule(rule, state.rules[rule.index] as RuleState, event.time);
    if (rule.qualifies !== undefined && !qualified.includes(rule.qualifies)) {
      qualified = [...qualified, rule.qualifies];
    }
  }
  const lastEventTime =
    state.lastEventTime === null ? event.time : Math.max(state.lastEventTime, event.time);
  return { ok: true, state: { ...state, rules: nextRules, qualified, lastEventTime } };
}

function applyToRule(rule: CompiledRule, s: RuleState, time: number): RuleState {
  let used = s.used;
  let window = s.window;
  let size = Math.abs(rule.points);
  if (rule.cap) {
    if (rule.cap.windowMs !== undefined) {
      const start = time - rule.cap.windowMs;
      let drop = 0;
      while (drop < window.length && (window[drop] as [number, number])[0] <= start) {
        used -= (window[drop] as [number, number])[1];
        drop++;
      }
      window = window.slice(drop);
    }
    size = Math.max(0, Math.min(size, rule.cap.points - used));
    used += size;
    if (rule.cap.windowMs !== undefined && size > 0) window = [...window, [time, size]];
  }
  const award = rule.points < 0 ? -size : size;
  const last = s.last === null ? time : Math.max(s.last, time);
  if (s.ref === null) return { value: award, ref: time, last, used, window };
  // Keep the later of the two times as reference so factors stay <= 1 (no overflow).
  if (time >= s.ref) {
    const value = s.value * decayFactor(rule.halfLifeMs, time - s.ref) + award;
    return { value, ref: time, last, used, window };
  }
  const value = s.value + award * decayFactor(rule.halfLifeMs, s.ref - time);
  return { value, ref: s.ref, last, used, window };
}

/** The score as of `asOf`, which must not be before the latest absorbed event. */
export function readState(compiled: CompiledModel, state: ScoreState, asOf: number): LeadScore {
  if (state.lastEventTime !== null && asOf < state.lastEventTime) {
    throw new RangeError(
      `cannot read a score as of ${new Date(asOf).toISOString()}: the state holds an event at ${new Date(state.lastEventTime).toISOString()}`,
    );
  }
  const categories: Record<string, number> = {};
  for (const name of compiled.categories) categories[name] = 0;
  for (const index of state.fitMatched) {
    const c = compiled.criteria[index];
    if (c) categories[c.category] = (categories[c.category] ?? 0) + c.points;
  }
  let engagement = 0;
  compiled.rules.forEach((rule, i) => {
    const s = state.rules[i];
    if (!s || s.ref === null) return;
    const value = s.value * decayFactor(rule.halfLifeMs, asOf - s.ref);
    engagement += value;
    categories[rule.category] = (categories[rule.category] ?? 0) + value;
  });
  engagement += manualPoints(state.manual, asOf);
  return classify(compiled, state.fit, engagement, categories, state.qualified);
}

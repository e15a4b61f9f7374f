// Scores one lead from its traits and whole event history (the replay path).
import { compileModel, type CompiledModel } from './compile-model.js';
import type { Model } from './model-schema.js';
import { matchRules, type ScoringEvent } from './event.js';
import { evaluateFit } from './fit.js';
import type { LeadScore } from './lead-score.js';
import type { RuleMatch } from './awards.js';
import { scoreMatches, type ScoreOptions } from './score-matches.js';

const compiledOnce = new WeakMap<Model, CompiledModel>();

/** A compiled model as it is, a loaded one compiled (once per model object). */
export function asCompiled(model: Model | CompiledModel): CompiledModel {
  if ('rulesByEvent' in model) return model;
  let compiled = compiledOnce.get(model);
  if (!compiled) {
    compiled = compileModel(model);
    compiledOnce.set(model, compiled);
  }
  return compiled;
}

/**
 * The same messageId twice is one event (the first, in input order, counts); events after
 * `asOf` (epoch ms) are ignored; events need not be sorted. `model` is what `loadModel`
 * returns, or the result of `compileModel` for many calls.
 */
export function scoreLead(
  model: Model | CompiledModel,
  lead: unknown,
  events: readonly ScoringEvent[],
  asOf: number,
  options: ScoreOptions = {},
): LeadScore {
  const compiled = asCompiled(model);
  const seen = new Set<string>();
  const matches: RuleMatch[] = [];
  for (const event of events) {
    if (event.messageId !== undefined) {
      if (seen.has(event.messageId)) continue;
      seen.add(event.messageId);
    }
    if (event.time > asOf) continue;
    for (const rule of matchRules(compiled, event)) {
      matches.push({ rule: rule.index, time: event.time, messageId: event.messageId });
    }
  }
  return scoreMatches(compiled, evaluateFit(compiled, lead), matches, asOf, options);
}

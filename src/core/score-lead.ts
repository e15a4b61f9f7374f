// Scores one lead from its traits and whole event history (the replay path).
import type { CompiledModel } from './compile-model.js';
import { matchRules, type ScoringEvent } from './event.js';
import { evaluateFit } from './fit.js';
import type { LeadScore } from './lead-score.js';
import type { RuleMatch } from './awards.js';
import { scoreMatches, type ScoreOptions } from './score-matches.js';

/**
 * The same messageId twice is one event (the first, in input order, counts); events after
 * `asOf` (epoch ms) are ignored; events need not be sorted.
 */
export function scoreLead(
  compiled: CompiledModel,
  lead: unknown,
  events: readonly ScoringEvent[],
  asOf: number,
  options: ScoreOptions = {},
): LeadScore {
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

// Replay scoring: fit + the capped, decayed awards of a lead's matched events, as of a time.
import { awardMatches, inTimeOrder, type RuleMatch } from './awards.js';
import { gradeRank, segmentFor } from './classify.js';
import type { CompiledModel, CompiledRule } from './compile-model.js';
import { decayFactor } from './decay.js';
import type { FitResult } from './fit.js';
import type { Contribution, LeadScore } from './lead-score.js';
import { manualContributions, manualPoints, type Adjustment } from './manual-adjustment.js';

export interface ScoreOptions {
  /** Include the contribution list that explains every point. */
  explain?: boolean;
  /** The lead's manual adjustments: those active as of the scoring time count. */
  adjustments?: readonly Adjustment[];
}

/** Scores from matches in any order; matches after `asOf` are ignored. */
export function scoreMatches(
  compiled: CompiledModel,
  fitResult: FitResult,
  matches: readonly RuleMatch[],
  asOf: number,
  options: ScoreOptions = {},
): LeadScore {
  const due = inTimeOrder(
    matches.every((m) => m.time <= asOf) ? matches.slice() : matches.filter((m) => m.time <= asOf),
  );
  const awards = awardMatches(compiled, due);
  const categories: Record<string, number> = {};
  for (const name of compiled.categories) categories[name] = 0;
  const contributions: Contribution[] | undefined = options.explain ? [] : undefined;

  for (const index of fitResult.matched) {
    const c = compiled.criteria[index];
    if (!c) continue;
    categories[c.category] = (categories[c.category] ?? 0) + c.points;
    contributions?.push({
      kind: 'criterion',
      id: c.id,
      category: c.category,
      points: c.points,
      afterCap: c.points,
      afterDecay: c.points,
    });
  }

  let engagement = 0;
  const qualified = new Set<number>();
  for (const award of awards) {
    const rule = compiled.rules[award.rule] as CompiledRule;
    const value = award.afterCap * decayFactor(rule.halfLifeMs, asOf - award.time);
    engagement += value;
    categories[rule.category] = (categories[rule.category] ?? 0) + value;
    if (rule.qualifies !== undefined) qualified.add(rule.qualifies);
    contributions?.push({
      kind: 'rule',
      id: rule.id,
      category: rule.category,
      points: rule.points,
      afterCap: award.afterCap,
      afterDecay: value,
      time: award.time,
      ...(award.messageId === undefined ? {} : { messageId: award.messageId }),
    });
  }
  engagement += manualPoints(options.adjustments, asOf);
  contributions?.push(...manualContributions(options.adjustments, asOf));
  return classify(compiled, fitResult.fit, engagement, categories, qualified, contributions);
}

/** Adds the grade, segment and stage to computed fit and engagement. */
export function classify(
  compiled: CompiledModel,
  fit: number,
  engagement: number,
  categories: Record<string, number>,
  qualified: Iterable<number>,
  contributions?: Contribution[],
): LeadScore {
  const score = fit + engagement;
  const rank = gradeRank(compiled, fit);
  const segment = segmentFor(compiled, score, rank, qualified);
  return {
    score,
    fit,
    engagement,
    grade: rank === undefined ? null : (compiled.grades[rank]?.grade ?? null),
    segment: segment.id,
    stage: segment.stage,
    categories,
    ...(contributions ? { contributions } : {}),
  };
}

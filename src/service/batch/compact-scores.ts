// Scores of a range of leads in typed arrays, so a thread can hand them back without copying.
import type { CompiledModel } from '../../core/compile-model.js';
import type { LeadScore } from '../../core/lead-score.js';

export interface CompactScores {
  from: number;
  score: Float64Array;
  fit: Float64Array;
  engagement: Float64Array;
  /** Grade rank, -1 for none. */
  grade: Int16Array;
  segment: Uint16Array;
  /** Row-major: lead k's categories, in the model's category order. */
  categories: Float64Array;
}

export function compactScores(compiled: CompiledModel, from: number, count: number): CompactScores {
  return {
    from,
    score: new Float64Array(count),
    fit: new Float64Array(count),
    engagement: new Float64Array(count),
    grade: new Int16Array(count),
    segment: new Uint16Array(count),
    categories: new Float64Array(count * compiled.categories.length),
  };
}

export function storeScore(
  compiled: CompiledModel,
  into: CompactScores,
  k: number,
  s: LeadScore,
): void {
  into.score[k] = s.score;
  into.fit[k] = s.fit;
  into.engagement[k] = s.engagement;
  into.grade[k] = s.grade === null ? -1 : compiled.grades.findIndex((g) => g.grade === s.grade);
  into.segment[k] = compiled.segments.findIndex((g) => g.id === s.segment);
  const names = compiled.categories;
  for (let j = 0; j < names.length; j++) {
    into.categories[k * names.length + j] = s.categories[names[j] as string] ?? 0;
  }
}

export function loadScore(compiled: CompiledModel, from: CompactScores, k: number): LeadScore {
  const names = compiled.categories;
  const categories: Record<string, number> = {};
  for (let j = 0; j < names.length; j++) {
    categories[names[j] as string] = from.categories[k * names.length + j] as number;
  }
  const rank = from.grade[k] as number;
  const segment = compiled.segments[from.segment[k] as number];
  if (!segment) throw new RangeError(`segment index ${from.segment[k]} is not in the model`);
  return {
    score: from.score[k] as number,
    fit: from.fit[k] as number,
    engagement: from.engagement[k] as number,
    grade: rank < 0 ? null : (compiled.grades[rank]?.grade ?? null),
    segment: segment.id,
    stage: segment.stage,
    categories,
  };
}

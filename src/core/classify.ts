// Grade from fit, segment from score + grade + fast-tracks, stage from segment.
import type { CompiledModel, CompiledSegment } from './compile-model.js';

/** Rank (0 = best) of the first grade whose min the fit reaches; undefined without grades. */
export function gradeRank(compiled: CompiledModel, fit: number): number | undefined {
  const index = compiled.grades.findIndex((g) => g.min === undefined || fit >= g.min);
  return index === -1 ? undefined : index;
}

/**
 * The first segment from the top whose bound holds and whose minGrade the grade meets; a
 * fast-track (`qualified`, segment indexes) lifts the lead to at least that segment.
 */
export function segmentFor(
  compiled: CompiledModel,
  score: number,
  grade: number | undefined,
  qualified: Iterable<number>,
): CompiledSegment {
  const segments = compiled.segments;
  let chosen = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as CompiledSegment;
    if (s.min !== undefined && !(score >= s.min)) continue;
    if (s.above !== undefined && !(score > s.above)) continue;
    if (s.minGradeRank !== undefined && (grade === undefined || grade > s.minGradeRank)) continue;
    chosen = i;
    break;
  }
  for (const q of qualified) if (q < chosen) chosen = q;
  return segments[chosen] as CompiledSegment;
}

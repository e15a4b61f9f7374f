// Shared by both adapters: turns the few rows their aggregate queries answer into the score
// distribution (bins, per segment / grade / stage), and bounds the binning in SQL needs.
import type { ScoreDistribution } from './dashboard-records.js';
import type { LeadScoreRow } from './records.js';

export interface ScoreTotals {
  total: number;
  scored: number;
  min: number | null;
  max: number | null;
}

/** The width of each bin; 0 when every score is equal (then there is a single bin). */
export function binWidth(totals: ScoreTotals, bins: number): number {
  if (totals.min === null || totals.max === null) return 0;
  return (totals.max - totals.min) / bins;
}

/** One group of scored leads with the same segment, grade and stage. */
export interface ScoreGroup {
  segment: string;
  grade: string | null;
  stage: LeadScoreRow['stage'];
  count: number;
}

function sum<K>(groups: readonly ScoreGroup[], key: (g: ScoreGroup) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const g of groups) counts.set(key(g), (counts.get(key(g)) ?? 0) + g.count);
  return counts;
}

/** Name order, null first. */
const byName = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null || (b !== null && a < b) ? -1 : 1;

/**
 * The distribution from the totals, the count per bin index (bins with none may be absent) and
 * the groups. Segments, grades and stages come in name order; callers may reorder them.
 */
export function distributionOf(
  totals: ScoreTotals,
  bins: number,
  binCounts: ReadonlyMap<number, number>,
  groups: readonly ScoreGroup[],
): ScoreDistribution {
  const { min, max } = totals;
  const width = binWidth(totals, bins);
  const edges =
    min === null || max === null
      ? []
      : width === 0
        ? [{ from: min, to: max, count: totals.scored }]
        : Array.from({ length: bins }, (_, i) => ({
            from: min + i * width,
            to: i === bins - 1 ? max : min + (i + 1) * width,
            count: binCounts.get(i) ?? 0,
          }));
  const segments = [...sum(groups, (g) => g.segment)].map(([segment, count]) => ({
    segment,
    count,
  }));
  const grades = [...sum(groups, (g) => g.grade)].map(([grade, count]) => ({ grade, count }));
  const stages = [...sum(groups, (g) => g.stage)].map(([stage, count]) => ({ stage, count }));
  return {
    ...totals,
    bins: edges,
    segments: segments.sort((a, b) => byName(a.segment, b.segment)),
    grades: grades.sort((a, b) => byName(a.grade, b.grade)),
    stages: stages.sort((a, b) => byName(a.stage, b.stage)),
  };
}

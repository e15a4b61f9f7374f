// The ranking part of a backtest report: both models on the same leads with a known outcome.
import { modelRanking, type RankedLead } from '../../analytics/model-ranking.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import type { BacktestResult } from './backtest-result.js';

export function rankingOf(
  scope: BacktestResult['ranking']['scope'],
  candidate: { ranked: RankedLead[]; segments: readonly string[] },
  active: { ranked: RankedLead[]; scoring: ActiveScoring } | undefined,
): BacktestResult['ranking'] {
  return {
    known: candidate.ranked.length,
    scope,
    converted: candidate.ranked.filter((l) => l.converted).length,
    active: active
      ? modelRanking(
          active.ranked,
          active.scoring.compiled.segments.map((s) => s.id),
        )
      : null,
    candidate: modelRanking(candidate.ranked, candidate.segments),
  };
}

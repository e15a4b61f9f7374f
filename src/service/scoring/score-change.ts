// Which changes of a lead's score are worth a history entry: the rounded score, the grade, the
// segment or the stage.
import { round2, type LeadScore } from '../../core/lead-score.js';

export type ScoreSummary = Pick<LeadScore, 'score' | 'grade' | 'segment' | 'stage'>;

export function summarize(score: LeadScore): ScoreSummary {
  return {
    score: round2(score.score),
    grade: score.grade,
    segment: score.segment,
    stage: score.stage,
  };
}

/** True when `next` differs from `previous` in anything a user sees (scores to 2 decimals). */
export function isVisibleChange(previous: ScoreSummary | undefined, next: ScoreSummary): boolean {
  if (!previous) return true;
  return (
    round2(previous.score) !== round2(next.score) ||
    previous.grade !== next.grade ||
    previous.segment !== next.segment ||
    previous.stage !== next.stage
  );
}

// Keeps one stored lead's score up to date inside a store transaction: incrementally for a new
// event, by a replay of its stored history when that is needed, with a history entry for every
// change a user would see.
import type { ScoringEvent } from '../../core/event.js';
import { evaluateFit, type FitResult } from '../../core/fit.js';
import type { LeadScore } from '../../core/lead-score.js';
import { readState, withFit, type ScoreState } from '../../core/score-state.js';
import type { HistoryEntry, LeadScoreRow, StoreTx } from '../../store/port.js';
import type { ActiveScoring } from './active-model.js';
import { advanceState, stateFromHistory } from './advance-state.js';
import { leadRecord } from './lead-record.js';
import { isVisibleChange, summarize, type ScoreSummary } from './score-change.js';
import { isScoredType, scoringEventOf } from './stored-events.js';

export interface Cause {
  cause: HistoryEntry['cause'];
  causeRef: string | null;
}

/** The record the model reads for a stored lead, or undefined for an unknown lead. */
export async function recordOf(tx: StoreTx, ws: string, leadId: string) {
  const lead = await tx.getLead(ws, leadId);
  if (!lead) return undefined;
  const company = lead.companyId ? await tx.getCompany(ws, lead.companyId) : undefined;
  return leadRecord(lead.id, lead.traits, company?.traits);
}

export async function scoringHistory(
  tx: StoreTx,
  ws: string,
  leadId: string,
): Promise<ScoringEvent[]> {
  return (await tx.eventsOfLead(ws, leadId))
    .filter((e) => isScoredType(e.type))
    .map(scoringEventOf);
}

/** Scores the lead from scratch: its current traits and every stored event. */
export async function rescoreLead(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  now: number,
  cause: Cause,
): Promise<LeadScore | undefined> {
  const record = await recordOf(tx, ws, leadId);
  if (!record) return undefined;
  const fit = evaluateFit(scoring.compiled, record);
  const state = stateFromHistory(scoring.compiled, fit, await scoringHistory(tx, ws, leadId));
  return save(tx, ws, leadId, scoring, state, now, cause);
}

/** Absorbs one new (already stored) event into the lead's score. */
export async function scoreNewEvent(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  event: ScoringEvent,
  now: number,
): Promise<LeadScore | undefined> {
  const cause: Cause = { cause: 'event', causeRef: event.messageId ?? null };
  const row = await tx.getScore(ws, leadId);
  if (!row || row.modelVersion !== scoring.version)
    return rescoreLead(tx, ws, leadId, scoring, now, cause);
  const fit: FitResult = { fit: row.state.fit, matched: row.state.fitMatched };
  const advanced = await advanceState(scoring.compiled, row.state, fit, event, () =>
    scoringHistory(tx, ws, leadId),
  );
  return save(tx, ws, leadId, scoring, advanced.state, now, cause, row);
}

/** The lead's traits or company changed: a new fit on the same engagement. */
export async function refit(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  now: number,
  cause: Cause,
): Promise<LeadScore | undefined> {
  const row = await tx.getScore(ws, leadId);
  if (!row || row.modelVersion !== scoring.version)
    return rescoreLead(tx, ws, leadId, scoring, now, cause);
  const record = await recordOf(tx, ws, leadId);
  if (!record) return undefined;
  const state = withFit(row.state, evaluateFit(scoring.compiled, record));
  return save(tx, ws, leadId, scoring, state, now, cause, row);
}

/** The score of a state as of `now` (or its latest event, should that be later). */
export function readAt(
  scoring: ActiveScoring,
  state: ScoreState,
  now: number,
): { score: LeadScore; asOf: number } {
  const asOf = Math.max(now, state.lastEventTime ?? now);
  return { score: readState(scoring.compiled, state, asOf), asOf };
}

async function save(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  state: ScoreState,
  now: number,
  cause: Cause,
  previousRow?: LeadScoreRow,
): Promise<LeadScore> {
  const { score, asOf } = readAt(scoring, state, now);
  const previous = previousRow ? previousSummary(scoring, previousRow, asOf) : undefined;
  await tx.putScore(ws, {
    leadId,
    modelVersion: scoring.version,
    state,
    score: score.score,
    fit: score.fit,
    engagement: score.engagement,
    grade: score.grade,
    segment: score.segment,
    stage: score.stage,
    categories: score.categories,
    scoredAt: asOf,
    lastEventTime: state.lastEventTime,
    updatedAt: now,
  });
  const next = summarize(score);
  if (isVisibleChange(previous, next)) {
    await tx.appendHistory(ws, {
      leadId,
      at: now,
      ...cause,
      modelVersion: scoring.version,
      ...next,
      previous: previous ?? null,
    });
  }
  return score;
}

/** What the lead showed just before this change: its stored state, decayed to the same time. */
function previousSummary(scoring: ActiveScoring, row: LeadScoreRow, asOf: number): ScoreSummary {
  if (row.modelVersion !== scoring.version)
    return { score: row.score, grade: row.grade, segment: row.segment, stage: row.stage };
  return summarize(readAt(scoring, row.state, asOf).score);
}

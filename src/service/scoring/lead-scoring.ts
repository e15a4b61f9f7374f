// Keeps one stored lead's score up to date inside a store transaction: incrementally for a new
// event, by a replay of its stored history when that is needed, with a history entry for every
// change a user would see.
import type { ScoringEvent } from '../../core/event.js';
import { evaluateFit } from '../../core/fit.js';
import type { LeadScore } from '../../core/lead-score.js';
import { readState, withFit, type ScoreState } from '../../core/score-state.js';
import { nextSegmentChange } from '../../core/segment-due.js';
import { nextExpiry, type Adjustment } from '../../core/manual-adjustment.js';
import type { HistoryEntry, LeadScoreRow, StoreTx } from '../../store/port.js';
import { refreshAccountsOfLeads } from '../accounts/account-scoring.js';
import { recordChanges } from '../changes/record-changes.js';
import type { ActiveScoring } from './active-model.js';
import { stateFromHistory } from './advance-state.js';
import { leadRecord } from './lead-record.js';
import { round2 } from '../../core/lead-score.js';
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

/** The lead's scored events in time order; with `upToSeq`, only those stored up to that one. */
export async function scoringHistory(
  tx: StoreTx,
  ws: string,
  leadId: string,
  upToSeq = Infinity,
): Promise<ScoringEvent[]> {
  return (await tx.eventsOfLead(ws, leadId))
    .filter((e) => isScoredType(e.type) && e.seq <= upToSeq)
    .map(scoringEventOf);
}

/** Scores the lead from scratch: its current traits and every stored event. */
async function rescoreLead(
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
  const history = await scoringHistory(tx, ws, leadId);
  const manual = await tx.listAdjustments(ws, leadId);
  const state = stateFromHistory(scoring.compiled, fit, history, manual);
  return save(tx, ws, leadId, scoring, state, now, cause);
}

/** The lead's manual adjustments changed (`manual` is the whole list now). */
export async function readjust(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  manual: readonly Adjustment[],
  now: number,
  cause: Cause,
): Promise<LeadScore | undefined> {
  const row = await tx.getScore(ws, leadId);
  if (!row || row.modelVersion !== scoring.version)
    return rescoreLead(tx, ws, leadId, scoring, now, cause);
  const state = { ...row.state, manual: [...manual] };
  return save(tx, ws, leadId, scoring, state, now, cause, row);
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
  const next = scoredRow(scoring, leadId, state, now);
  await tx.putScore(ws, next.row);
  const entry = changeEntry(scoring, previousRow, next, now, cause);
  if (entry) await recordChanges(tx, ws, scoring, [entry]);
  await refreshAccountsOfLeads(tx, ws, scoring, [leadId], now);
  return next.score;
}

export interface ScoredRow {
  row: LeadScoreRow;
  score: LeadScore;
}

/** The row to store for a lead's state, read as of now (or its latest event). */
export function scoredRow(
  scoring: ActiveScoring,
  leadId: string,
  state: ScoreState,
  now: number,
): ScoredRow {
  const { score, asOf } = readAt(scoring, state, now);
  const row: LeadScoreRow = {
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
    dueAt: dueAt(scoring, state, asOf),
  };
  return { row, score };
}

/** The next moment the sweep must act on: a segment change by decay, or an adjustment's expiry. */
function dueAt(scoring: ActiveScoring, state: ScoreState, asOf: number): number | null {
  const change = nextSegmentChange(scoring.compiled, state, asOf);
  const expiry = nextExpiry(state.manual, asOf);
  if (change === null) return expiry;
  return expiry === null ? change : Math.min(change, expiry);
}

/**
 * The history entry for going from `previousRow` to `next`, if a user would see the change. The
 * previous side is the old state decayed to the same moment, so that an event is credited only
 * with its own effect; for a change made by decay alone (`asStored`), it is what was stored.
 */
export function changeEntry(
  scoring: ActiveScoring,
  previousRow: LeadScoreRow | undefined,
  next: ScoredRow,
  now: number,
  cause: Cause,
  asStored = false,
): HistoryEntry | undefined {
  const previous = !previousRow
    ? undefined
    : asStored
      ? storedSummary(previousRow)
      : previousSummary(scoring, previousRow, next.row.scoredAt);
  const summary = summarize(next.score);
  if (!isVisibleChange(previous, summary)) return undefined;
  return {
    leadId: next.row.leadId,
    at: now,
    ...cause,
    modelVersion: scoring.version,
    ...summary,
    previous: previous ?? null,
  };
}

/** What the lead showed just before this change: its stored state, decayed to the same time. */
function previousSummary(scoring: ActiveScoring, row: LeadScoreRow, asOf: number): ScoreSummary {
  if (row.modelVersion !== scoring.version) return storedSummary(row);
  return summarize(readAt(scoring, row.state, asOf).score);
}

function storedSummary(row: LeadScoreRow): ScoreSummary {
  return { score: round2(row.score), grade: row.grade, segment: row.segment, stage: row.stage };
}

// A lead's score state after one step of an ingestion run, and what the change is measured from.
// An event is absorbed incrementally; new traits or a new company give a new fit on the same
// engagement; a visitor's events moved to the lead (and a row of another model version) call for
// a replay of the lead's history as stored up to the step (its seq), so that later calls of the
// run, already stored, are not counted early.
import { evaluateFit, type FitResult } from '../../core/fit.js';
import { withFit, type ScoreState } from '../../core/score-state.js';
import type { LeadScoreRow, StoreTx } from '../../store/port.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { advanceState, stateFromHistory } from '../scoring/advance-state.js';
import { leadRecord } from '../scoring/lead-record.js';
import { scoringHistory, type Cause } from '../scoring/lead-scoring.js';
import type { Step } from './run-steps.js';
import type { StepWrites } from './store-step.js';

export interface StepScore {
  state: ScoreState;
  cause: Cause;
  /**
   * The row the change is measured from. None when a visitor was linked and its events moved,
   * or a link found no row of this model version: such a lead is scored afresh, and its history
   * entry (always written) has no previous side.
   */
  previous: LeadScoreRow | undefined;
}

/** Null for a step that leaves the lead's score as it is (an alias that moved nothing). */
export async function scoreStep(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring,
  step: Extract<Step, { leadId: string }>,
  row: LeadScoreRow | undefined,
  { moved }: StepWrites,
): Promise<StepScore | null> {
  const { leadId, seq } = step;
  switch (step.kind) {
    case 'event': {
      const state = await nextState(tx, ws, leadId, scoring, row, step);
      return { state, cause: { cause: 'event', causeRef: step.messageId }, previous: row };
    }
    case 'traits':
    case 'company': {
      const state = await refitState(tx, ws, leadId, scoring, row, moved, seq);
      const cause = moved ? 'merge' : 'traits';
      return { state, cause: { cause, causeRef: step.messageId }, previous: row };
    }
    case 'link': {
      const state = await refitState(tx, ws, leadId, scoring, row, moved, seq);
      const cause = moved ? 'merge' : 'traits';
      const afresh = moved || row?.modelVersion !== scoring.version;
      return {
        state,
        cause: { cause, causeRef: step.messageId },
        previous: afresh ? undefined : row,
      };
    }
    case 'alias': {
      if (!moved) return null;
      const state = await refitState(tx, ws, leadId, scoring, row, moved, seq);
      return { state, cause: { cause: 'merge', causeRef: step.messageId }, previous: undefined };
    }
  }
}

/**
 * The lead's state once its traits changed: the same engagement with a new fit, or (after a
 * merge, or for a row of another model version) a replay of its history as stored up to `seq`.
 */
async function refitState(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  row: LeadScoreRow | undefined,
  merged: boolean,
  seq: number,
): Promise<ScoreState> {
  const fit = await fitOf(tx, ws, leadId, scoring);
  if (!merged && row && row.modelVersion === scoring.version) return withFit(row.state, fit);
  const history = await scoringHistory(tx, ws, leadId, seq);
  return stateFromHistory(scoring.compiled, fit, history, row?.state.manual);
}

/**
 * The lead's state once the step's event (stored as its seq) is absorbed: incrementally from the
 * row when it was computed with this model version, else (and when a capped rule sees an older
 * event) by a replay of the lead's history as stored up to that event.
 */
async function nextState(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  row: LeadScoreRow | undefined,
  step: Extract<Step, { kind: 'event' }>,
): Promise<ScoreState> {
  const history = () => scoringHistory(tx, ws, leadId, step.seq);
  if (!row || row.modelVersion !== scoring.version) {
    const fit = await fitOf(tx, ws, leadId, scoring);
    return stateFromHistory(scoring.compiled, fit, await history(), row?.state.manual);
  }
  const fit: FitResult = { fit: row.state.fit, matched: row.state.fitMatched };
  return (await advanceState(scoring.compiled, row.state, fit, step.event, history)).state;
}

/** The fit of the lead's traits and its company's as stored now. */
async function fitOf(tx: StoreTx, ws: string, leadId: string, scoring: ActiveScoring) {
  const lead = await tx.getLead(ws, leadId);
  // The run made the lead before storing its calls; a record is missing only if that broke.
  if (!lead) throw new Error(`lead ${leadId} vanished while its calls were stored`);
  const company = lead.companyId ? await tx.getCompany(ws, lead.companyId) : undefined;
  return evaluateFit(scoring.compiled, leadRecord(lead.id, lead.traits, company?.traits));
}

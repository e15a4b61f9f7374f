// Stores and scores a run of consecutive track, page, identify and group calls in a few
// set-based statements: the calls in one insert, the scores of their leads in one read and one
// write, the history in one append. The outcome equals taking the calls one at a time: the calls
// are taken in arrival order, each event is scored against the lead's history as stored up to it
// (its seq), an identify's traits or a group's company are stored and the lead refit before the
// next call, and each visible change gets its history entry.
import { evaluateFit, type FitResult } from '../../core/fit.js';
import type { ScoringEvent } from '../../core/event.js';
import { withFit, type ScoreState } from '../../core/score-state.js';
import {
  toScoringEvent,
  type GroupMessage,
  type IdentifyMessage,
  type PageMessage,
  type TrackMessage,
} from '../../ingest/segment/index.js';
import type { HistoryEntry, LeadScoreRow, StoreTx } from '../../store/port.js';
import { refreshAccounts, refreshAccountsOfLeads } from '../accounts/account-scoring.js';
import { recordChanges } from '../changes/record-changes.js';
import { recordConversions } from '../lifecycle/conversions.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { advanceState, stateFromHistory } from '../scoring/advance-state.js';
import {
  changeEntry,
  recordOf,
  scoredRow,
  scoringHistory,
  type Cause,
} from '../scoring/lead-scoring.js';
import { leadRecord } from '../scoring/lead-record.js';
import { callToStore } from '../scoring/stored-events.js';

export interface EventCall {
  message: TrackMessage | PageMessage;
  messageId: string;
  /** The known lead it is about, or null for a visitor not merged into a lead yet. */
  leadId: string | null;
  /** Event time, already clamped to the time the call arrived. */
  time: number;
}

/**
 * An identify of a known lead that merges nothing new: no anonymousId, or one already linked to
 * this lead (its anonymous events, if any were left, are moved as a merge would).
 */
export interface TraitsCall {
  message: IdentifyMessage;
  messageId: string;
  leadId: string;
  time: number;
}

/** A group call of a known lead: the company's traits, and the lead now works there. */
export interface CompanyCall {
  message: GroupMessage;
  messageId: string;
  leadId: string;
  time: number;
}

export type RunCall = EventCall | TraitsCall | CompanyCall;

const isEvent = (call: RunCall): call is EventCall =>
  call.message.type === 'track' || call.message.type === 'page';

/** One stored call of a known lead. */
type Step = { leadId: string; seq: number; index: number } & (
  | { kind: 'event'; event: ScoringEvent }
  | { kind: 'traits'; call: TraitsCall }
  | { kind: 'company'; call: CompanyCall }
);

/** For each call, in order: true when it was stored now, false for a repeated messageId. */
export async function ingestEventRun(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring | undefined,
  calls: readonly RunCall[],
  now: number,
): Promise<boolean[]> {
  const leadIds = calls.flatMap((c) => (c.leadId === null ? [] : [c.leadId]));
  await tx.ensureLeads(ws, leadIds, now);
  const stored = await tx.insertEvents(
    ws,
    calls.map((c) => callToStore(c.message, c.messageId, c.leadId, c.time)),
  );
  // The new calls of known leads, in arrival order.
  const steps: Step[] = [];
  calls.forEach((call, index) => {
    const { inserted, seq } = stored[index]!;
    const { leadId } = call;
    if (!inserted || leadId === null) return;
    if (isEvent(call)) {
      const event = { ...toScoringEvent(call.message), time: call.time, messageId: call.messageId };
      steps.push({ kind: 'event', event, leadId, seq, index });
    } else if (call.message.type === 'identify')
      steps.push({ kind: 'traits', call: call as TraitsCall, leadId, seq, index });
    else steps.push({ kind: 'company', call: call as CompanyCall, leadId, seq, index });
  });
  if (!scoring) {
    for (const step of steps)
      if (step.kind === 'traits') await storeTraits(tx, ws, step.call, now);
      else if (step.kind === 'company') await storeCompany(tx, ws, step.call, now);
    return stored.map((s) => s.inserted);
  }
  const touched = [...new Set(steps.map((step) => step.leadId))];
  // Each lead's row as its calls so far left it. The calls are taken in the order they came,
  // across leads too: a group call's company traits reach the next refit of any lead there,
  // and hand-overs take their owners round-robin in that order.
  const rows = await tx.getScores(ws, touched);
  const history: HistoryEntry[] = [];
  const left = new Set<string>();
  for (const step of steps) {
    const row = rows.get(step.leadId);
    let state: ScoreState;
    let cause: Cause;
    if (step.kind === 'event') {
      state = await nextState(tx, ws, step.leadId, scoring, row, step.event, step.seq);
      cause = { cause: 'event', causeRef: step.event.messageId ?? null };
    } else if (step.kind === 'traits') {
      const merged = await storeTraits(tx, ws, step.call, now);
      state = await refitState(tx, ws, step.leadId, scoring, row, merged, step.seq);
      cause = { cause: merged ? 'merge' : 'traits', causeRef: step.call.messageId };
    } else {
      const previous = await storeCompany(tx, ws, step.call, now);
      // The company the lead left has one contact fewer: its account is scored again.
      if (previous && previous !== step.call.message.groupId) left.add(previous);
      state = await refitState(tx, ws, step.leadId, scoring, row, false, step.seq);
      cause = { cause: 'traits', causeRef: step.call.messageId };
    }
    const next = scoredRow(scoring, step.leadId, state, now);
    const entry = changeEntry(scoring, row, next, now, cause);
    if (entry) history.push(entry);
    rows.set(step.leadId, next.row);
  }
  await tx.putScores(
    ws,
    touched.map((leadId) => rows.get(leadId)!),
  );
  await recordChanges(tx, ws, scoring, history);
  const events = calls.flatMap((call, i) => (isEvent(call) ? [{ call, result: stored[i]! }] : []));
  await recordConversions(
    tx,
    ws,
    scoring.compiled,
    events.map((e) => e.call),
    events.map((e) => e.result),
  );
  await refreshAccountsOfLeads(tx, ws, scoring, touched, now);
  await refreshAccounts(tx, ws, scoring, [...left], now);
  return stored.map((s) => s.inserted);
}

/** Stores a group call: the company's traits and the lead's link; answers the company it left. */
async function storeCompany(tx: StoreTx, ws: string, call: CompanyCall, now: number) {
  const { groupId, traits } = call.message;
  await tx.upsertCompany(ws, groupId, traits, now);
  const previous = (await tx.getLead(ws, call.leadId))?.companyId ?? null;
  await tx.setLeadCompany(ws, call.leadId, groupId, now);
  return previous;
}

/** Stores an identify's traits; answers whether anonymous events were moved to the lead. */
async function storeTraits(tx: StoreTx, ws: string, call: TraitsCall, now: number) {
  await tx.upsertLead(ws, call.leadId, call.message.traits, now);
  const { anonymousId } = call.message;
  return anonymousId !== null && (await tx.assignAnonymousEvents(ws, anonymousId, call.leadId)) > 0;
}

/**
 * The lead's state once its traits changed: the same engagement with a new fit, or (after a
 * merge, or for a row of another model version) a replay of its history as stored up to now.
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
  const lead = await tx.getLead(ws, leadId);
  // ensureLeads made the lead; a record is missing only if that broke.
  if (!lead) throw new Error(`lead ${leadId} vanished while its traits were stored`);
  const company = lead.companyId ? await tx.getCompany(ws, lead.companyId) : undefined;
  const fit = evaluateFit(scoring.compiled, leadRecord(lead.id, lead.traits, company?.traits));
  if (!merged && row && row.modelVersion === scoring.version) return withFit(row.state, fit);
  return stateFromHistory(scoring.compiled, fit, await scoringHistory(tx, ws, leadId, seq));
}

/**
 * The lead's state once `event` (stored as `seq`) is absorbed: incrementally from the row when it
 * was computed with this model version, else (and when a capped rule sees an older event) by a
 * replay of the lead's history as stored up to that event.
 */
async function nextState(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  row: LeadScoreRow | undefined,
  event: ScoringEvent,
  seq: number,
): Promise<ScoreState> {
  const history = () => scoringHistory(tx, ws, leadId, seq);
  if (!row || row.modelVersion !== scoring.version) {
    const record = await recordOf(tx, ws, leadId);
    // ensureLeads made the lead; a record is missing only if that broke.
    if (!record) throw new Error(`lead ${leadId} vanished while its events were stored`);
    return stateFromHistory(
      scoring.compiled,
      evaluateFit(scoring.compiled, record),
      await history(),
    );
  }
  const fit: FitResult = { fit: row.state.fit, matched: row.state.fitMatched };
  return (await advanceState(scoring.compiled, row.state, fit, event, history)).state;
}

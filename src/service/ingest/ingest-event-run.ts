// Stores and scores a run of consecutive track, page and identify calls in a few set-based
// statements: the calls in one insert, the scores of their leads in one read and one write, the
// history in one append. The outcome equals taking the calls one at a time: each lead's calls
// are taken in arrival order, each event is scored against the lead's history as stored up to it
// (its seq), an identify's traits are stored and refit before the lead's next call, and each
// visible change gets its history entry.
import { evaluateFit, type FitResult } from '../../core/fit.js';
import type { ScoringEvent } from '../../core/event.js';
import { withFit, type ScoreState } from '../../core/score-state.js';
import {
  toScoringEvent,
  type IdentifyMessage,
  type PageMessage,
  type TrackMessage,
} from '../../ingest/segment/index.js';
import type { HistoryEntry, LeadScoreRow, StoreTx } from '../../store/port.js';
import { refreshAccountsOfLeads } from '../accounts/account-scoring.js';
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
import { callToStore, eventToStore } from '../scoring/stored-events.js';

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

export type RunCall = EventCall | TraitsCall;

const isTraits = (call: RunCall): call is TraitsCall => call.message.type === 'identify';

/** One stored call of a lead, in arrival order. */
type LeadStep = { seq: number; index: number } & (
  { kind: 'event'; event: ScoringEvent } | { kind: 'traits'; call: TraitsCall }
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
    calls.map((c) =>
      isTraits(c)
        ? callToStore(c.message, c.messageId, c.leadId, c.time)
        : eventToStore(c.message, c.messageId, c.leadId, c.time),
    ),
  );
  // Each lead's new calls, in arrival order.
  const byLead = new Map<string, LeadStep[]>();
  calls.forEach((call, i) => {
    const result = stored[i]!;
    if (!result.inserted || call.leadId === null) return;
    let steps = byLead.get(call.leadId);
    if (!steps) byLead.set(call.leadId, (steps = []));
    if (isTraits(call)) steps.push({ kind: 'traits', call, seq: result.seq, index: i });
    else {
      const event = { ...toScoringEvent(call.message), time: call.time, messageId: call.messageId };
      steps.push({ kind: 'event', event, seq: result.seq, index: i });
    }
  });
  if (!scoring) {
    for (const steps of byLead.values())
      for (const step of steps)
        if (step.kind === 'traits') await storeTraits(tx, ws, step.call, now);
    return stored.map((s) => s.inserted);
  }
  const rows = await tx.getScores(ws, [...byLead.keys()]);
  const changed: LeadScoreRow[] = [];
  const history: { entry: HistoryEntry; index: number }[] = [];
  for (const [leadId, steps] of byLead) {
    let row = rows.get(leadId);
    for (const step of steps) {
      let state: ScoreState;
      let cause: Cause;
      if (step.kind === 'event') {
        state = await nextState(tx, ws, leadId, scoring, row, step.event, step.seq);
        cause = { cause: 'event', causeRef: step.event.messageId ?? null };
      } else {
        const merged = await storeTraits(tx, ws, step.call, now);
        state = await refitState(tx, ws, leadId, scoring, row, merged, step.seq);
        cause = { cause: merged ? 'merge' : 'traits', causeRef: step.call.messageId };
      }
      const next = scoredRow(scoring, leadId, state, now);
      const entry = changeEntry(scoring, row, next, now, cause);
      if (entry) history.push({ entry, index: step.index });
      row = next.row;
    }
    if (row) changed.push(row);
  }
  await tx.putScores(ws, changed);
  // In the order the calls came, across leads: hand-overs take their owners round-robin in it.
  history.sort((a, b) => a.index - b.index);
  await recordChanges(
    tx,
    ws,
    scoring,
    history.map((h) => h.entry),
  );
  const events = calls.flatMap((call, i) => (isTraits(call) ? [] : [{ call, result: stored[i]! }]));
  await recordConversions(
    tx,
    ws,
    scoring.compiled,
    events.map((e) => e.call),
    events.map((e) => e.result),
  );
  await refreshAccountsOfLeads(tx, ws, scoring, [...byLead.keys()], now);
  return stored.map((s) => s.inserted);
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

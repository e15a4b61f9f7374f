// Stores and scores a run of consecutive track and page calls in a few set-based statements:
// the events in one insert, the scores of their leads in one read and one write, the history in
// one append. The outcome equals taking the calls one at a time: each event is scored against the
// lead's history as stored up to it (its seq), and each visible change gets its history entry.
import { evaluateFit, type FitResult } from '../../core/fit.js';
import type { ScoringEvent } from '../../core/event.js';
import type { ScoreState } from '../../core/score-state.js';
import { toScoringEvent, type PageMessage, type TrackMessage } from '../../ingest/segment/index.js';
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
import { eventToStore } from '../scoring/stored-events.js';

export interface EventCall {
  message: TrackMessage | PageMessage;
  messageId: string;
  /** The known lead it is about, or null for a visitor not merged into a lead yet. */
  leadId: string | null;
  /** Event time, already clamped to the time the call arrived. */
  time: number;
}

/** For each call, in order: true when it was stored now, false for a repeated messageId. */
export async function ingestEventRun(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring | undefined,
  calls: readonly EventCall[],
  now: number,
): Promise<boolean[]> {
  const leadIds = calls.flatMap((c) => (c.leadId === null ? [] : [c.leadId]));
  await tx.ensureLeads(ws, leadIds, now);
  const stored = await tx.insertEvents(
    ws,
    calls.map((c) => eventToStore(c.message, c.messageId, c.leadId, c.time)),
  );
  if (scoring) {
    // Each lead's new events, in arrival order.
    const byLead = new Map<string, { event: ScoringEvent; seq: number }[]>();
    calls.forEach((call, i) => {
      const result = stored[i]!;
      if (!result.inserted || call.leadId === null) return;
      const event = { ...toScoringEvent(call.message), time: call.time, messageId: call.messageId };
      let events = byLead.get(call.leadId);
      if (!events) byLead.set(call.leadId, (events = []));
      events.push({ event, seq: result.seq });
    });
    const rows = await tx.getScores(ws, [...byLead.keys()]);
    const changed: LeadScoreRow[] = [];
    const history: HistoryEntry[] = [];
    for (const [leadId, events] of byLead) {
      let row = rows.get(leadId);
      for (const { event, seq } of events) {
        const state = await nextState(tx, ws, leadId, scoring, row, event, seq);
        const next = scoredRow(scoring, leadId, state, now);
        const cause: Cause = { cause: 'event', causeRef: event.messageId ?? null };
        const entry = changeEntry(scoring, row, next, now, cause);
        if (entry) history.push(entry);
        row = next.row;
      }
      if (row) changed.push(row);
    }
    await tx.putScores(ws, changed);
    await recordChanges(tx, ws, scoring, history);
    await recordConversions(tx, ws, scoring.compiled, calls, stored);
    await refreshAccountsOfLeads(tx, ws, scoring, [...byLead.keys()], now);
  }
  return stored.map((s) => s.inserted);
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

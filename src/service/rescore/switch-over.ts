// The end of a full rescore, in one transaction: leads written while the job ran (and leads new
// since it started) are scored again from the store, then every lead's new row and history entry
// is stored and the version becomes the active one.
import { evaluateFit } from '../../core/fit.js';
import type { HistoryEntry, LeadScoreRow, Store, StoreTx } from '../../store/port.js';
import { refreshAccounts } from '../accounts/account-scoring.js';
import { recordChanges } from '../changes/record-changes.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { stateFromHistory } from '../scoring/advance-state.js';
import { recordOf, scoredRow, scoringHistory } from '../scoring/lead-scoring.js';
import { modelChangeEntry, type PreviousScores } from './model-change.js';

/** A lead scored with the new version: its row, and its history entry if a user sees a change. */
export interface Rescored {
  row: LeadScoreRow;
  entry: HistoryEntry | undefined;
}

export interface SwitchOver {
  ws: string;
  scoring: ActiveScoring;
  /** When the job started: rows written since were scored with the old version meanwhile. */
  now: number;
  previous: PreviousScores;
  /** The leads the job scored, by id. */
  rescored: ReadonlyMap<string, Rescored>;
}

/** Answers how many leads were switched over. */
export async function switchOver(store: Store, job: SwitchOver): Promise<number> {
  const { ws, scoring, now, rescored } = job;
  return store.transaction(async (tx) => {
    const rows: LeadScoreRow[] = [];
    const entries: HistoryEntry[] = [];
    // Leads erased meanwhile are not listed, so their rows are dropped here.
    for (const { id, changed } of await tx.listLeadIds(ws, { changedSince: now })) {
      const lead = (changed ? undefined : rescored.get(id)) ?? (await rescoreInTx(tx, job, id));
      if (!lead) continue;
      rows.push(lead.row);
      if (lead.entry) entries.push(lead.entry);
    }
    await tx.putScores(ws, rows);
    // Transitions the new version makes are recorded like any other: history, webhooks,
    // hand-overs and segment actions.
    await recordChanges(tx, ws, scoring, entries);
    await tx.activateModel(ws, scoring.version, now);
    await tx.enqueueNotifications(ws, [
      {
        type: 'model.activated',
        leadId: null,
        at: now,
        data: { version: scoring.version, leads: rows.length, changed: entries.length },
      },
    ]);
    // Every account is scored again from its contacts' new scores.
    const companies = await tx.companiesOfLeads(
      ws,
      rows.map((r) => r.leadId),
    );
    await refreshAccounts(tx, ws, scoring, [...new Set(companies.values())], now);
    return rows.length;
  });
}

async function rescoreInTx(
  tx: StoreTx,
  job: SwitchOver,
  id: string,
): Promise<Rescored | undefined> {
  const { ws, scoring, now } = job;
  const record = await recordOf(tx, ws, id);
  if (!record) return undefined;
  const fit = evaluateFit(scoring.compiled, record);
  const history = await scoringHistory(tx, ws, id);
  const manual = await tx.listAdjustments(ws, id);
  const state = stateFromHistory(scoring.compiled, fit, history, manual);
  const next = scoredRow(scoring, id, state, now);
  const before = await tx.getScore(ws, id);
  const previous = before ? await job.previous.of(tx, before) : undefined;
  return { row: next.row, entry: modelChangeEntry(scoring, previous, next, now) };
}

// The decay sweep: leads whose segment decay has changed by now (their stored dueAt has passed)
// are read again as of now and saved with a history entry, so a lead goes cold on time rather
// than on its next read. Only due leads are touched: the store lists them from an index. A due
// time is also a manual adjustment's expiry: the sweep removes it then (history cause `manual`).
import type { Adjustment } from '../../core/manual-adjustment.js';
import type { HistoryEntry, LeadScoreRow, Store } from '../../store/port.js';
import type { Cause } from '../scoring/lead-scoring.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { refreshAccountsOfLeads } from '../accounts/account-scoring.js';
import { recordChanges } from '../changes/record-changes.js';
import { changeEntry, scoredRow } from '../scoring/lead-scoring.js';

export interface SweepResult {
  /** Due leads read again and saved. */
  leads: number;
  /** History entries written: visible changes (segment, stage, score) decay brought about. */
  changes: number;
}

export interface SweepOptions {
  /** Due leads taken per transaction. */
  pageSize: number;
}

export async function sweepDue(
  store: Store,
  models: ActiveModels,
  now: number,
  options: SweepOptions = { pageSize: 500 },
): Promise<SweepResult> {
  const result: SweepResult = { leads: 0, changes: 0 };
  const seen = new Set<string>();
  for (;;) {
    const due = await store.listDueLeads(now, options.pageSize);
    const fresh = due.filter((d) => !seen.has(`${d.workspaceId}\u001f${d.leadId}`));
    // A saved lead is due again only after `now`; seeing one twice means it could not be moved.
    if (fresh.length === 0) break;
    for (const d of fresh) seen.add(`${d.workspaceId}\u001f${d.leadId}`);
    for (const [ws, ids] of byWorkspace(fresh)) {
      const swept = await sweepWorkspace(store, models, ws, ids, now);
      result.leads += swept.leads;
      result.changes += swept.changes;
    }
    if (due.length < options.pageSize) break;
  }
  return result;
}

function sweepWorkspace(
  store: Store,
  models: ActiveModels,
  ws: string,
  ids: string[],
  now: number,
): Promise<SweepResult> {
  return store.transaction(async (tx) => {
    await tx.lockLeads(ws, ids);
    const scoring = await models.get(tx, ws);
    const rows = await tx.getScores(ws, ids);
    const saved: LeadScoreRow[] = [];
    const history: HistoryEntry[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      // Scored again since it was listed (an event, a new model): its due time is new too.
      if (!row || row.dueAt === null || row.dueAt === undefined || row.dueAt > now) continue;
      if (!scoring || row.modelVersion !== scoring.version) {
        // Its model is no longer active: the activation job scores it again; nothing is due.
        saved.push({ ...row, dueAt: null });
        continue;
      }
      const expired = await tx.deleteExpiredAdjustments(ws, id, now);
      const { state, cause } =
        expired.length === 0 ? decayed(row, row.dueAt) : withoutExpired(row, expired);
      const next = scoredRow(scoring, id, state, now);
      const entry = changeEntry(scoring, row, next, now, cause, true);
      if (entry) history.push(entry);
      saved.push(next.row);
    }
    await tx.putScores(ws, saved);
    if (scoring) {
      await recordChanges(tx, ws, scoring, history);
      await refreshAccountsOfLeads(
        tx,
        ws,
        scoring,
        saved.map((r) => r.leadId),
        now,
      );
    }
    return { leads: saved.length, changes: history.length };
  });
}

function decayed(row: LeadScoreRow, dueAt: number): { state: LeadScoreRow['state']; cause: Cause } {
  return {
    state: row.state,
    cause: { cause: 'decay', causeRef: new Date(dueAt).toISOString() },
  };
}

/** The row's state without the adjustments that expired; the cause names them. */
function withoutExpired(row: LeadScoreRow, expired: readonly Adjustment[]) {
  const gone = new Set(expired.map((a) => a.id));
  const manual = (row.state.manual ?? []).filter((a) => !gone.has(a.id));
  const cause: Cause = { cause: 'manual', causeRef: expired.map((a) => a.id).join(',') };
  return { state: { ...row.state, manual }, cause };
}

function byWorkspace(due: readonly { workspaceId: string; leadId: string }[]) {
  const groups = new Map<string, string[]>();
  for (const { workspaceId, leadId } of due) {
    const ids = groups.get(workspaceId);
    if (ids) ids.push(leadId);
    else groups.set(workspaceId, [leadId]);
  }
  return groups;
}

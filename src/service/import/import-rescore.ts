// The end of an import: every pending lead (one the import stored something for, in this run or
// in one that crashed) scored once with the active model from its stored traits and events, its
// past changes recorded as of the event times, and the change from before the import to now
// recorded once, with the actions, hand-overs and webhooks it calls for (none when quiet).
import { evaluateFit } from '../../core/fit.js';
import type { ScoringEvent } from '../../core/event.js';
import type { HistoryEntry, LeadScoreRow, Store, StoreTx } from '../../store/port.js';
import { refreshAccountsOfLeads } from '../accounts/account-scoring.js';
import { recordChanges } from '../changes/record-changes.js';
import { PreviousScores } from '../rescore/model-change.js';
import { replayHistories } from '../rescore/replay-histories.js';
import type { ActiveModels, ActiveScoring } from '../scoring/active-model.js';
import { stateFromHistory } from '../scoring/advance-state.js';
import { leadRecord } from '../scoring/lead-record.js';
import { scoredRow, scoringHistory } from '../scoring/lead-scoring.js';
import { isVisibleChange, summarize } from '../scoring/score-change.js';
import { pastEntries } from './past-entries.js';

/** Leads scored and written per transaction (each holds a lock per lead on PostgreSQL). */
const BATCH = 1000;
/**
 * Leads per transaction on SQLite, which has no lock per lead: fewer commits than BATCH, but each
 * transaction holds the event loop and the database's write lock while it runs, so it stays
 * near a second (measured at 50k leads / 1M events: 10,000 leads a transaction held both for
 * 4-5 s, during which a server on the same file answers nothing).
 */
const SQLITE_BATCH = 2500;
const PAGE = 10_000;

export interface RescoreOptions {
  ws: string;
  now: number;
  quiet: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Answers how many leads were scored. */
export async function rescorePending(
  store: Store,
  models: ActiveModels,
  options: RescoreOptions,
): Promise<number> {
  const { ws } = options;
  const pending = await pendingLeads(store, ws);
  if (pending.size === 0) return 0;
  const scoring = await models.get(store, ws);
  if (!scoring) {
    // Without a model there is nothing to score: activating one scores every lead.
    for (let ids = [...pending]; ids.length > 0; ids = ids.slice(PAGE))
      await store.clearImportPending(ws, ids.slice(0, PAGE));
    return 0;
  }
  await store.analyze();
  const previous = new PreviousScores(models, ws, options.now);
  let batch: { id: string; history: ScoringEvent[] }[] = [];
  const size = store.kind === 'sqlite' ? SQLITE_BATCH : BATCH;
  let done = 0;
  const flush = async () => {
    const leads = batch;
    batch = [];
    done += await store.transaction((tx) => scoreBatch(tx, scoring, previous, options, leads));
    options.onProgress?.(done, pending.size);
  };
  await replayHistories(store, ws, [scoring.compiled], pending, async (id, history) => {
    batch.push({ id, history });
    if (batch.length >= size) await flush();
  });
  if (batch.length > 0) await flush();
  return done;
}

/** The leads noted as pending in the store (this import's and a crashed one's). */
export async function pendingLeads(store: Store, ws: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await store.listImportPending(ws, { ...(after ? { after } : {}), limit: PAGE });
    page.forEach((id) => ids.add(id));
    if (page.length < PAGE) return ids;
    after = page[page.length - 1];
  }
}

async function scoreBatch(
  tx: StoreTx,
  scoring: ActiveScoring,
  previous: PreviousScores,
  options: RescoreOptions,
  batch: readonly { id: string; history: ScoringEvent[] }[],
): Promise<number> {
  const { ws, now } = options;
  const ids = batch.map((b) => b.id);
  await tx.lockLeads(ws, ids);
  const leads = await tx.getLeads(ws, ids);
  const companyIds = [...leads.values()].flatMap((l) => (l.companyId ? [l.companyId] : []));
  const companies = await tx.getCompanies(ws, companyIds);
  const before = await tx.getScores(ws, ids);
  const rows: LeadScoreRow[] = [];
  const past: HistoryEntry[] = [];
  const changes: HistoryEntry[] = [];
  for (const { id, history: read } of batch) {
    const lead = leads.get(id);
    // Erased meanwhile: nothing to score.
    if (!lead) continue;
    const beforeRow = before.get(id);
    // Scored by live traffic since the import began: its events may be newer than the replay's.
    const history =
      beforeRow && beforeRow.updatedAt >= now ? await scoringHistory(tx, ws, id) : read;
    const company = lead.companyId ? companies.get(lead.companyId)?.traits : undefined;
    const record = leadRecord(id, lead.traits, company);
    const fit = evaluateFit(scoring.compiled, record);
    const state = stateFromHistory(scoring.compiled, fit, history, beforeRow?.state.manual);
    const next = scoredRow(scoring, id, state, now);
    rows.push(next.row);
    // A lead scored before has its own history: only a lead new to scoring gets its past.
    if (!beforeRow) past.push(...pastEntries(scoring, fit, id, history));
    const was = beforeRow ? await previous.of(tx, beforeRow) : undefined;
    const summary = summarize(next.score);
    if (!isVisibleChange(was, summary)) continue;
    changes.push({
      leadId: id,
      at: now,
      cause: 'event',
      causeRef: 'import',
      modelVersion: scoring.version,
      ...summary,
      previous: was ?? null,
    });
  }
  await tx.putScores(ws, rows);
  if (past.length > 0) await tx.appendHistories(ws, past);
  if (options.quiet) {
    if (changes.length > 0) await tx.appendHistories(ws, changes);
  } else await recordChanges(tx, ws, scoring, changes);
  await refreshAccountsOfLeads(
    tx,
    ws,
    scoring,
    rows.map((r) => r.leadId),
    now,
  );
  await tx.clearImportPending(ws, ids);
  return rows.length;
}

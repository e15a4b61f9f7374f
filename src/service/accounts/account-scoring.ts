// Keeps account (company) scores up to date: whenever a contact's score, a company's traits or
// its contacts change, the company is scored again from its contacts' scores as of now.
import {
  compileAccounts,
  scoreAccount,
  type AccountScore,
  type CompiledAccounts,
} from '../../core/account-score.js';
import type { CompiledModel } from '../../core/compile-model.js';
import type { AccountScoreRow, StoreTx } from '../../store/port.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { readState } from '../../core/score-state.js';

/** Lock keys of accounts, apart from any lead id (a control character no id has in practice). */
const ACCOUNT_LOCK = '\u001daccount\u001f';

const compiledAccounts = new WeakMap<CompiledModel, CompiledAccounts | null>();

/** The model's account part, compiled once per compiled model; undefined when it has none. */
export function accountsOf(compiled: CompiledModel): CompiledAccounts | undefined {
  let accounts = compiledAccounts.get(compiled);
  if (accounts === undefined) {
    accounts = compileAccounts(compiled.model) ?? null;
    compiledAccounts.set(compiled, accounts);
  }
  return accounts ?? undefined;
}

/**
 * Scores again the companies of these leads, and the `also` companies (nothing when the model
 * scores no accounts).
 */
export async function refreshAccountsOfLeads(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring,
  leadIds: readonly string[],
  now: number,
  also: readonly string[] = [],
): Promise<void> {
  if (!accountsOf(scoring.compiled)) return;
  const companies = leadIds.length === 0 ? [] : (await tx.companiesOfLeads(ws, leadIds)).values();
  await refreshAccounts(tx, ws, scoring, [...new Set([...companies, ...also])], now);
}

export async function refreshAccounts(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring,
  companyIds: readonly string[],
  now: number,
): Promise<void> {
  const accounts = accountsOf(scoring.compiled);
  if (!accounts || companyIds.length === 0) return;
  // Held to commit, so that two transactions scoring contacts of one company (ingestion runs of
  // two partitions) score it one after the other, the second from the first's committed scores,
  // not both from what they saw before. Taken last, after any lead: no deadlock with lead locks.
  await tx.lockLeads(
    ws,
    companyIds.map((id) => `${ACCOUNT_LOCK}${id}`),
  );
  const rows: AccountScoreRow[] = [];
  for (const companyId of new Set(companyIds)) {
    const s = await accountScoreNow(tx, ws, scoring, accounts, companyId, now);
    rows.push({
      companyId,
      modelVersion: scoring.version,
      score: s.score,
      fit: s.fit,
      engagement: s.engagement,
      grade: s.grade,
      segment: s.segment,
      stage: s.stage,
      contacts: s.contacts,
      scoredAt: now,
      updatedAt: now,
    });
  }
  await tx.putAccountScores(ws, rows);
}

/** The company's account score as of `now`, from its traits and its contacts' stored states. */
export async function accountScoreNow(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring,
  accounts: CompiledAccounts,
  companyId: string,
  now: number,
): Promise<AccountScore> {
  const company = await tx.getCompany(ws, companyId);
  const ids = await tx.leadsOfCompany(ws, companyId);
  const rows = await tx.getScores(ws, ids);
  const contacts = ids.flatMap((leadId) => {
    const row = rows.get(leadId);
    if (!row) return [];
    // A contact scored with another version (an activation is under way) counts as stored.
    const score =
      row.modelVersion === scoring.version
        ? readState(scoring.compiled, row.state, Math.max(now, row.state.lastEventTime ?? now))
            .score
        : row.score;
    return [{ leadId, score }];
  });
  return scoreAccount(accounts, company?.traits ?? {}, contacts);
}

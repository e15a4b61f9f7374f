// Account (company) scores and the lead-company links they are computed from; the account_scores
// row and its mapping to the record live here, the one place that reads and writes them.
import type { AccountMethods } from '../account-port.js';
import { decodeAccountCursor, toAccountPage } from '../account-list.js';
import type { AccountScoreRow } from '../records.js';
import { lastPerKey } from './last-per-key.js';
import type { Column, SqlDb, SqlParams } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

interface Row {
  company_id: string;
  model_version: number;
  score: number;
  fit: number;
  engagement: number;
  grade: string | null;
  segment: string;
  stage: AccountScoreRow['stage'];
  contacts: number;
  scored_at: number;
  updated_at: number;
}

const COLUMNS = `company_id, model_version, score, fit, engagement, grade, segment, stage,
  contacts, scored_at, updated_at`;

const toAccount = (r: Row): AccountScoreRow => ({
  companyId: r.company_id,
  modelVersion: r.model_version,
  score: r.score,
  fit: r.fit,
  engagement: r.engagement,
  grade: r.grade,
  segment: r.segment,
  stage: r.stage,
  contacts: r.contacts,
  scoredAt: r.scored_at,
  updatedAt: r.updated_at,
});

/** The columns a score is written with, read from the record. */
const WRITTEN: Column<AccountScoreRow>[] = [
  { name: 'company_id', type: 'text', value: (r) => r.companyId },
  { name: 'model_version', type: 'int', value: (r) => r.modelVersion },
  { name: 'score', type: 'float', value: (r) => r.score },
  { name: 'fit', type: 'float', value: (r) => r.fit },
  { name: 'engagement', type: 'float', value: (r) => r.engagement },
  { name: 'grade', type: 'text', value: (r) => r.grade },
  { name: 'segment', type: 'text', value: (r) => r.segment },
  { name: 'stage', type: 'text', value: (r) => r.stage },
  { name: 'contacts', type: 'int', value: (r) => r.contacts },
  { name: 'scored_at', type: 'bigint', value: (r) => r.scoredAt },
  { name: 'updated_at', type: 'bigint', value: (r) => r.updatedAt },
];

const UPSERT = `ON CONFLICT (ws, company_id) DO UPDATE SET
  model_version = excluded.model_version, score = excluded.score, fit = excluded.fit,
  engagement = excluded.engagement, grade = excluded.grade, segment = excluded.segment,
  stage = excluded.stage, contacts = excluded.contacts, scored_at = excluded.scored_at,
  updated_at = excluded.updated_at`;

export function accountScoreMethods(db: SqlDb, wsKeys: WorkspaceKeys): AccountMethods {
  const d = db.dialect;
  return {
    async leadsOfCompany(wsId, companyId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<{ id: string }>(
        'SELECT id FROM leads WHERE ws = :ws AND company_id = :companyId ORDER BY id',
        { ws, companyId },
      );
      return rows.map((r) => r.id);
    },
    async companiesOfLeads(wsId, leadIds) {
      const ws = await wsKeys.of(wsId);
      const found = new Map<string, string>();
      if (leadIds.length === 0) return found;
      const rows = await db.all<{ id: string; company_id: string }>(
        `SELECT id, company_id FROM leads
         WHERE ws = :ws AND id ${d.inList('ids')} AND company_id IS NOT NULL`,
        { ws, ids: [...new Set(leadIds)] },
      );
      for (const r of rows) found.set(r.id, r.company_id);
      return found;
    },
    async putAccountScores(wsId, rows) {
      const ws = await wsKeys.of(wsId);
      await db.insertMany({
        table: 'account_scores',
        fixed: { ws },
        columns: WRITTEN,
        rows: lastPerKey(rows, (r) => r.companyId),
        conflict: UPSERT,
      });
    },
    async getAccountScore(wsId, companyId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<Row>(
        `SELECT ${COLUMNS} FROM account_scores
         WHERE ws = :ws AND company_id = :companyId`,
        { ws, companyId },
      );
      return row && toAccount(row);
    },
    async listAccountScores(wsId, query) {
      const ws = await wsKeys.of(wsId);
      const cursor = decodeAccountCursor(query.after);
      const where = ['ws = :ws'];
      const params: Record<string, string | number> = { ws, limit: query.limit + 1 };
      if (query.segment !== undefined) {
        where.push('segment = :segment');
        params.segment = query.segment;
      }
      if (cursor) {
        where.push('(score < :score OR (score = :score AND company_id > :id))');
        params.score = cursor.score;
        params.id = cursor.id;
      }
      const rows = await db.all<Row>(
        `SELECT ${COLUMNS} FROM account_scores WHERE ${where.join(' AND ')}
         ORDER BY score DESC, company_id ASC LIMIT :limit`,
        params satisfies SqlParams,
      );
      return toAccountPage(query.limit, rows.map(toAccount));
    },
  };
}

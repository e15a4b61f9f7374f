// PostgreSQL: account (company) scores and the lead-company links they are computed from.
import type { AccountMethods } from '../account-port.js';
import { decodeAccountCursor, toAccountPage } from '../account-list.js';
import {
  ACCOUNT_SCORE_COLUMNS as COLUMNS,
  toAccountScore as toAccount,
  toAccountScoreColumns,
  type AccountScoreColumns as Row,
} from '../account-score-rows.js';
import type { Query } from './pg-db.js';

export function accountScoreMethods(q: Query): AccountMethods {
  return {
    async leadsOfCompany(ws, companyId) {
      const { rows } = await q<{ id: string }>(
        'SELECT id FROM leads WHERE workspace_id = $1 AND company_id = $2 ORDER BY id',
        [ws, companyId],
      );
      return rows.map((r) => r.id);
    },
    async companiesOfLeads(ws, leadIds) {
      const found = new Map<string, string>();
      if (leadIds.length === 0) return found;
      const { rows } = await q<{ id: string; company_id: string }>(
        `SELECT id, company_id FROM leads
         WHERE workspace_id = $1 AND id = ANY($2::text[]) AND company_id IS NOT NULL`,
        [ws, [...new Set(leadIds)]],
      );
      for (const r of rows) found.set(r.id, r.company_id);
      return found;
    },
    async putAccountScores(ws, rows) {
      if (rows.length === 0) return;
      const latest = [...new Map(rows.map((r) => [r.companyId, r])).values()];
      await q(
        `INSERT INTO account_scores (workspace_id, ${COLUMNS})
         SELECT $1, * FROM json_to_recordset($2::json) AS t(company_id text, model_version int4,
           score float8, fit float8, engagement float8, grade text, segment text, stage text,
           contacts int4, scored_at int8, updated_at int8)
         ON CONFLICT (workspace_id, company_id) DO UPDATE SET
           model_version = excluded.model_version, score = excluded.score, fit = excluded.fit,
           engagement = excluded.engagement, grade = excluded.grade, segment = excluded.segment,
           stage = excluded.stage, contacts = excluded.contacts, scored_at = excluded.scored_at,
           updated_at = excluded.updated_at`,
        [ws, JSON.stringify(latest.map(toAccountScoreColumns))],
      );
    },
    async getAccountScore(ws, companyId) {
      const { rows } = await q<Row>(
        `SELECT ${COLUMNS} FROM account_scores WHERE workspace_id = $1 AND company_id = $2`,
        [ws, companyId],
      );
      return rows[0] && toAccount(rows[0]);
    },
    async listAccountScores(ws, query) {
      const cursor = decodeAccountCursor(query.after);
      const values: unknown[] = [ws];
      const param = (value: unknown) => `$${values.push(value)}`;
      const where = ['workspace_id = $1'];
      if (query.segment !== undefined) where.push(`segment = ${param(query.segment)}`);
      if (cursor) {
        const score = param(cursor.score);
        where.push(`(score < ${score} OR (score = ${score} AND company_id > ${param(cursor.id)}))`);
      }
      const { rows } = await q<Row>(
        `SELECT ${COLUMNS} FROM account_scores WHERE ${where.join(' AND ')}
         ORDER BY score DESC, company_id ASC LIMIT ${param(query.limit + 1)}`,
        values,
      );
      return toAccountPage(query.limit, rows.map(toAccount));
    },
  };
}

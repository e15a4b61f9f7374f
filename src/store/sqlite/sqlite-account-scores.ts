// SQLite: account (company) scores and the lead-company links they are computed from.
import type { AccountMethods } from '../account-port.js';
import { decodeAccountCursor, toAccountPage } from '../account-list.js';
import {
  ACCOUNT_SCORE_COLUMNS as COLUMNS,
  toAccountScore as toAccount,
  type AccountScoreColumns as Row,
} from '../account-score-rows.js';
import type { Params, Sql } from './sqlite-db.js';

export function accountScoreMethods(sql: Sql): AccountMethods {
  return {
    async leadsOfCompany(ws, companyId) {
      return sql<{ id: string }>(
        `SELECT id FROM leads WHERE workspace_id = @ws AND company_id = @companyId ORDER BY id`,
      )
        .all({ ws, companyId })
        .map((r) => r.id);
    },
    async companiesOfLeads(ws, leadIds) {
      const select = sql<{ company_id: string | null }>(
        'SELECT company_id FROM leads WHERE workspace_id = @ws AND id = @id',
      );
      const found = new Map<string, string>();
      for (const id of new Set(leadIds)) {
        const companyId = select.get({ ws, id })?.company_id;
        if (companyId) found.set(id, companyId);
      }
      return found;
    },
    async putAccountScores(ws, rows) {
      const upsert = sql(
        `INSERT INTO account_scores (workspace_id, ${COLUMNS})
         VALUES (@ws, @companyId, @modelVersion, @score, @fit, @engagement, @grade, @segment,
           @stage, @contacts, @scoredAt, @updatedAt)
         ON CONFLICT (workspace_id, company_id) DO UPDATE SET
           model_version = excluded.model_version, score = excluded.score, fit = excluded.fit,
           engagement = excluded.engagement, grade = excluded.grade, segment = excluded.segment,
           stage = excluded.stage, contacts = excluded.contacts, scored_at = excluded.scored_at,
           updated_at = excluded.updated_at`,
      );
      for (const r of rows) upsert.run({ ws, ...r } satisfies Params);
    },
    async getAccountScore(ws, companyId) {
      const row = sql<Row>(
        `SELECT ${COLUMNS} FROM account_scores WHERE workspace_id = @ws AND company_id = @companyId`,
      ).get({ ws, companyId });
      return row && toAccount(row);
    },
    async listAccountScores(ws, query) {
      const cursor = decodeAccountCursor(query.after);
      const where = ['workspace_id = @ws'];
      const params: Params = { ws, limit: query.limit + 1 };
      if (query.segment !== undefined) {
        where.push('segment = @segment');
        params.segment = query.segment;
      }
      if (cursor) {
        where.push('(score < @score OR (score = @score AND company_id > @id))');
        params.score = cursor.score;
        params.id = cursor.id;
      }
      const rows = sql<Row>(
        `SELECT ${COLUMNS} FROM account_scores WHERE ${where.join(' AND ')}
         ORDER BY score DESC, company_id ASC LIMIT @limit`,
      ).all(params);
      return toAccountPage(query.limit, rows.map(toAccount));
    },
  };
}

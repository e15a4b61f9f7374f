// The bulk import's reads and writes of leads and companies, and its list of leads to score.
import type { ImportMethods } from '../import-port.js';
import type { Company, Lead } from '../records.js';
import { lastPerKey } from './last-per-key.js';
import {
  COMPANY_COLUMNS,
  LEAD_COLUMNS,
  toCompany,
  toLead,
  type CompanyColumns,
  type LeadColumns,
} from './lead-rows.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

/** Rows per statement on PostgreSQL. */
const CHUNK = 2000;

export function importMethods(db: SqlDb, wsKeys: WorkspaceKeys): ImportMethods {
  const d = db.dialect;
  return {
    async getLeads(wsId, ids) {
      const ws = await wsKeys.of(wsId);
      const found = new Map<string, Lead>();
      if (ids.length === 0) return found;
      const rows = await db.all<LeadColumns>(
        `SELECT ${LEAD_COLUMNS} FROM leads WHERE ws = :ws AND id ${d.inList('ids')}`,
        { ws, ids: [...new Set(ids)] },
      );
      for (const row of rows) found.set(row.id, toLead(d, row));
      return found;
    },
    async getCompanies(wsId, ids) {
      const ws = await wsKeys.of(wsId);
      const found = new Map<string, Company>();
      if (ids.length === 0) return found;
      const rows = await db.all<CompanyColumns>(
        `SELECT ${COMPANY_COLUMNS} FROM companies WHERE ws = :ws AND id ${d.inList('ids')}`,
        { ws, ids: [...new Set(ids)] },
      );
      for (const row of rows) found.set(row.id, toCompany(d, row));
      return found;
    },
    async storedMessageIds(wsId, messageIds) {
      const ws = await wsKeys.of(wsId);
      if (messageIds.length === 0) return new Set();
      const rows = await db.all<{ message_id: string }>(
        `SELECT message_id FROM events WHERE ws = :ws AND message_id ${d.inList('ids')}`,
        { ws, ids: [...new Set(messageIds)] },
      );
      return new Set(rows.map((r) => r.message_id));
    },
    async putLeads(wsId, leads, now) {
      if (leads.length === 0) return;
      const ws = await wsKeys.of(wsId);
      await db.insertMany({
        table: 'leads',
        fixed: { ws, created_at: now, updated_at: now },
        columns: [
          { name: 'id', type: 'text', value: (l) => l.id },
          { name: 'traits', type: 'jsonb', value: (l) => l.traits },
          { name: 'company_id', type: 'text', value: (l) => l.companyId },
        ],
        rows: lastPerKey(leads, (l) => l.id),
        conflict: `ON CONFLICT (ws, id) DO UPDATE SET traits = excluded.traits,
          company_id = excluded.company_id, updated_at = excluded.updated_at`,
        chunk: CHUNK,
      });
    },
    async putCompanies(wsId, companies, now) {
      if (companies.length === 0) return;
      const ws = await wsKeys.of(wsId);
      await db.insertMany({
        table: 'companies',
        fixed: { ws, created_at: now, updated_at: now },
        columns: [
          { name: 'id', type: 'text', value: (c) => c.id },
          { name: 'traits', type: 'jsonb', value: (c) => c.traits },
        ],
        rows: lastPerKey(companies, (c) => c.id),
        conflict: `ON CONFLICT (ws, id) DO UPDATE SET traits = excluded.traits,
          updated_at = excluded.updated_at`,
        chunk: CHUNK,
      });
    },
    async markImportPending(wsId, leadIds) {
      if (leadIds.length === 0) return;
      const ws = await wsKeys.of(wsId);
      // The WHERE keeps SQLite from reading ON CONFLICT as part of a join.
      await db.run(
        `INSERT INTO import_pending (ws, lead_id)
         SELECT CAST(:ws AS INTEGER), value FROM ${d.listTable('ids')} AS t WHERE true
         ON CONFLICT (ws, lead_id) DO NOTHING`,
        { ws, ids: [...new Set(leadIds)] },
      );
    },
    async listImportPending(wsId, page) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<{ lead_id: string }>(
        `SELECT lead_id FROM import_pending WHERE ws = :ws AND lead_id > :after
         ORDER BY lead_id LIMIT :limit`,
        { ws, after: page.after ?? '', limit: page.limit },
      );
      return rows.map((r) => r.lead_id);
    },
    async clearImportPending(wsId, leadIds) {
      if (leadIds.length === 0) return;
      const ws = await wsKeys.of(wsId);
      await db.run(`DELETE FROM import_pending WHERE ws = :ws AND lead_id ${d.inList('ids')}`, {
        ws,
        ids: [...new Set(leadIds)],
      });
    },
  };
}

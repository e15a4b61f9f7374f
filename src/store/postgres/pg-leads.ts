// PostgreSQL: leads, companies, identities, and a lead's erasure.
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { Company, JsonObject, Lead } from '../records.js';
import type { Query } from './pg-db.js';
import { one } from './pg-db.js';

export interface LeadRow {
  id: string;
  traits: JsonObject;
  company_id: string | null;
  created_at: number;
  updated_at: number;
}

type CompanyRow = Omit<LeadRow, 'company_id'>;

export const toLead = (r: LeadRow): Lead => ({
  id: r.id,
  traits: r.traits,
  companyId: r.company_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toCompany = (r: CompanyRow): Company => ({
  id: r.id,
  traits: r.traits,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type LeadMethods = Pick<
  StoreTx,
  | 'getLead'
  | 'ensureLeads'
  | 'upsertLead'
  | 'setLeadCompany'
  | 'deleteLead'
  | 'getCompany'
  | 'upsertCompany'
  | 'linkIdentity'
  | 'resolveIdentity'
  | 'assignAnonymousEvents'
>;

export function leadMethods(q: Query): LeadMethods {
  const count = async (text: string, values: unknown[]) => (await q(text, values)).rowCount ?? 0;

  return {
    async getLead(ws, id) {
      const { rows } = await q<LeadRow>(
        'SELECT id, traits, company_id, created_at, updated_at FROM leads WHERE workspace_id = $1 AND id = $2',
        [ws, id],
      );
      return rows[0] && toLead(rows[0]);
    },
    async ensureLeads(ws, ids, now) {
      if (ids.length === 0) return;
      await q(
        `INSERT INTO leads (workspace_id, id, traits, company_id, created_at, updated_at)
         SELECT $1, id, '{}'::jsonb, NULL, $3, $3 FROM unnest($2::text[]) AS id
         ON CONFLICT (workspace_id, id) DO NOTHING`,
        [ws, [...new Set(ids)], now],
      );
    },
    async upsertLead(ws, id, patch, now) {
      // jsonb || merges top-level keys in one statement: concurrent identifies lose nothing.
      const result = await q<LeadRow>(
        `INSERT INTO leads (workspace_id, id, traits, company_id, created_at, updated_at)
         VALUES ($1, $2, $3::jsonb, NULL, $4, $4)
         ON CONFLICT (workspace_id, id)
         DO UPDATE SET traits = leads.traits || excluded.traits, updated_at = excluded.updated_at
         RETURNING id, traits, company_id, created_at, updated_at`,
        [ws, id, JSON.stringify(patch), now],
      );
      return toLead(one(result));
    },
    async setLeadCompany(ws, leadId, companyId, now) {
      const changed = await count(
        'UPDATE leads SET company_id = $3, updated_at = $4 WHERE workspace_id = $1 AND id = $2',
        [ws, leadId, companyId, now],
      );
      if (changed === 0) throw new StoreError('not_found', `lead ${leadId} not found`);
    },
    async deleteLead(ws, id) {
      // Unattributed events of the lead's anonymous ids are about the lead too: erase them first,
      // while the identities that tell which they are still exist.
      const anonymous = await count(
        `DELETE FROM events WHERE workspace_id = $1 AND lead_id IS NULL AND anonymous_id IN
           (SELECT anonymous_id FROM identities WHERE workspace_id = $1 AND lead_id = $2)`,
        [ws, id],
      );
      const del = (table: string, column: string) =>
        count(`DELETE FROM ${table} WHERE workspace_id = $1 AND ${column} = $2`, [ws, id]);
      return {
        leads: await del('leads', 'id'),
        events: anonymous + (await del('events', 'lead_id')),
        scores: await del('lead_scores', 'lead_id'),
        history: await del('score_history', 'lead_id'),
        identities: await del('identities', 'lead_id'),
        routing: (await del('lead_routing', 'lead_id')) + (await del('lead_once', 'lead_id')),
        lifecycle:
          (await del('lead_lifecycle', 'lead_id')) + (await del('lifecycle_history', 'lead_id')),
        // Its webhook messages (their deliveries and attempts go with them): sent or not.
        notifications: await del('webhook_messages', 'lead_id'),
      };
    },
    async getCompany(ws, id) {
      const { rows } = await q<CompanyRow>(
        'SELECT id, traits, created_at, updated_at FROM companies WHERE workspace_id = $1 AND id = $2',
        [ws, id],
      );
      return rows[0] && toCompany(rows[0]);
    },
    async upsertCompany(ws, id, patch, now) {
      const result = await q<CompanyRow>(
        `INSERT INTO companies (workspace_id, id, traits, created_at, updated_at)
         VALUES ($1, $2, $3::jsonb, $4, $4)
         ON CONFLICT (workspace_id, id)
         DO UPDATE SET traits = companies.traits || excluded.traits, updated_at = excluded.updated_at
         RETURNING id, traits, created_at, updated_at`,
        [ws, id, JSON.stringify(patch), now],
      );
      return toCompany(one(result));
    },
    async linkIdentity(ws, anonymousId, leadId, now) {
      await q(
        `INSERT INTO identities (workspace_id, anonymous_id, lead_id, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, anonymous_id) DO UPDATE SET lead_id = excluded.lead_id`,
        [ws, anonymousId, leadId, now],
      );
    },
    async resolveIdentity(ws, anonymousId) {
      const { rows } = await q<{ lead_id: string }>(
        'SELECT lead_id FROM identities WHERE workspace_id = $1 AND anonymous_id = $2',
        [ws, anonymousId],
      );
      return rows[0]?.lead_id;
    },
    async assignAnonymousEvents(ws, anonymousId, leadId) {
      return count(
        `UPDATE events SET lead_id = $3
         WHERE workspace_id = $1 AND anonymous_id = $2 AND lead_id IS NULL`,
        [ws, anonymousId, leadId],
      );
    },
  };
}

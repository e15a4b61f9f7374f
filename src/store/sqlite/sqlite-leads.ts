// SQLite: leads, companies, identities, and a lead's erasure.
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { Company, JsonObject, Lead } from '../records.js';
import { parseObject, type Sql } from './sqlite-db.js';

export interface LeadRow {
  id: string;
  traits: string;
  company_id: string | null;
  created_at: number;
  updated_at: number;
}

type CompanyRow = Omit<LeadRow, 'company_id'>;

export const toLead = (r: LeadRow): Lead => ({
  id: r.id,
  traits: parseObject(r.traits, `lead "${r.id}" traits`),
  companyId: r.company_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toCompany = (r: CompanyRow): Company => ({
  id: r.id,
  traits: parseObject(r.traits, `company "${r.id}" traits`),
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

export function leadMethods(sql: Sql): LeadMethods {
  const getLead = (ws: string, id: string) =>
    sql<LeadRow>('SELECT * FROM leads WHERE workspace_id = @ws AND id = @id').get({ ws, id });
  const getCompany = (ws: string, id: string) =>
    sql<CompanyRow>('SELECT * FROM companies WHERE workspace_id = @ws AND id = @id').get({
      ws,
      id,
    });
  // The connection is serialised, so a read-merge-write cannot lose a concurrent update.
  const merge = (old: string | undefined, patch: JsonObject) =>
    JSON.stringify(old === undefined ? patch : { ...parseObject(old), ...patch });

  return {
    async getLead(ws, id) {
      const row = getLead(ws, id);
      return row && toLead(row);
    },
    async ensureLeads(ws, ids, now) {
      const insert = sql(
        `INSERT INTO leads (workspace_id, id, traits, company_id, created_at, updated_at)
         VALUES (@ws, @id, '{}', NULL, @now, @now)
         ON CONFLICT (workspace_id, id) DO NOTHING`,
      );
      for (const id of new Set(ids)) insert.run({ ws, id, now });
    },
    async upsertLead(ws, id, patch, now) {
      const old = getLead(ws, id);
      const traits = merge(old?.traits, patch);
      sql(
        `INSERT INTO leads (workspace_id, id, traits, company_id, created_at, updated_at)
         VALUES (@ws, @id, @traits, NULL, @now, @now)
         ON CONFLICT (workspace_id, id) DO UPDATE SET traits = @traits, updated_at = @now`,
      ).run({ ws, id, traits, now });
      return toLead({
        id,
        traits,
        company_id: old?.company_id ?? null,
        created_at: old?.created_at ?? now,
        updated_at: now,
      });
    },
    async setLeadCompany(ws, leadId, companyId, now) {
      const result = sql(
        `UPDATE leads SET company_id = @companyId, updated_at = @now
         WHERE workspace_id = @ws AND id = @leadId`,
      ).run({ ws, leadId, companyId, now });
      if (result.changes === 0) throw new StoreError('not_found', `lead ${leadId} not found`);
    },
    async deleteLead(ws, id) {
      const p = { ws, id };
      // Unattributed events of the lead's anonymous ids are about the lead too: erase them first,
      // while the identities that tell which they are still exist.
      const anonymous = sql(
        `DELETE FROM events WHERE workspace_id = @ws AND lead_id IS NULL AND anonymous_id IN
           (SELECT anonymous_id FROM identities WHERE workspace_id = @ws AND lead_id = @id)`,
      ).run(p).changes;
      const del = (table: string, column: string) =>
        sql(`DELETE FROM ${table} WHERE workspace_id = @ws AND ${column} = @id`).run(p).changes;
      return {
        leads: del('leads', 'id'),
        events: anonymous + del('events', 'lead_id'),
        scores: del('lead_scores', 'lead_id'),
        history: del('score_history', 'lead_id'),
        identities: del('identities', 'lead_id'),
        routing: del('lead_routing', 'lead_id') + del('lead_once', 'lead_id'),
        lifecycle: del('lead_lifecycle', 'lead_id') + del('lifecycle_history', 'lead_id'),
        // Its webhook messages (their deliveries and attempts go with them): sent or not.
        notifications: del('webhook_messages', 'lead_id'),
      };
    },
    async getCompany(ws, id) {
      const row = getCompany(ws, id);
      return row && toCompany(row);
    },
    async upsertCompany(ws, id, patch, now) {
      const old = getCompany(ws, id);
      const traits = merge(old?.traits, patch);
      sql(
        `INSERT INTO companies (workspace_id, id, traits, created_at, updated_at)
         VALUES (@ws, @id, @traits, @now, @now)
         ON CONFLICT (workspace_id, id) DO UPDATE SET traits = @traits, updated_at = @now`,
      ).run({ ws, id, traits, now });
      return toCompany({ id, traits, created_at: old?.created_at ?? now, updated_at: now });
    },
    async linkIdentity(ws, anonymousId, leadId, now) {
      sql(
        `INSERT INTO identities (workspace_id, anonymous_id, lead_id, created_at)
         VALUES (@ws, @anonymousId, @leadId, @now)
         ON CONFLICT (workspace_id, anonymous_id) DO UPDATE SET lead_id = @leadId`,
      ).run({ ws, anonymousId, leadId, now });
    },
    async resolveIdentity(ws, anonymousId) {
      const row = sql<{ lead_id: string }>(
        'SELECT lead_id FROM identities WHERE workspace_id = @ws AND anonymous_id = @anonymousId',
      ).get({ ws, anonymousId });
      return row?.lead_id;
    },
    async assignAnonymousEvents(ws, anonymousId, leadId) {
      return sql(
        `UPDATE events SET lead_id = @leadId
         WHERE workspace_id = @ws AND anonymous_id = @anonymousId AND lead_id IS NULL`,
      ).run({ ws, anonymousId, leadId }).changes;
    },
  };
}

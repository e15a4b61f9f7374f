// Leads, companies, identities (anonymous id to lead), and a lead's erasure.
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { JsonObject } from '../records.js';
import {
  COMPANY_COLUMNS,
  LEAD_COLUMNS,
  toCompany,
  toLead,
  type CompanyColumns,
  type LeadColumns,
} from './lead-rows.js';
import { one, type SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

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

export function leadMethods(db: SqlDb, wsKeys: WorkspaceKeys): LeadMethods {
  const d = db.dialect;

  /**
   * New traits merged over the stored ones, key by key, in the upsert of `table`: the traits to
   * write, and the SQL that merges them on conflict. Which side merges is a strategy of each
   * database, not a spelling: PostgreSQL merges in the statement (jsonb ||), so concurrent
   * identifies lose nothing; SQLite has no such merge (json_patch recurses into objects and drops
   * nulls), so it merges here over the row read first, which is safe as its transactions run
   * one at a time.
   */
  const merged = async (
    table: 'leads' | 'companies',
    ws: number,
    id: string,
    patch: JsonObject,
  ) => {
    if (d.name === 'postgres')
      return { traits: patch, onConflict: `${table}.traits || excluded.traits` };
    const old = await db.get<{ traits: unknown }>(
      `SELECT traits FROM ${table} WHERE ws = :ws AND id = :id`,
      { ws, id },
    );
    const traits =
      old === undefined ? patch : { ...d.readObject(old.traits, 'a stored JSON object'), ...patch };
    return { traits, onConflict: 'excluded.traits' };
  };

  const count = (table: string, column: string, ws: number, id: string) =>
    db.run(`DELETE FROM ${table} WHERE ws = :ws AND ${column} = :id`, { ws, id });

  return {
    async getLead(wsId, id) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<LeadColumns>(
        `SELECT ${LEAD_COLUMNS} FROM leads WHERE ws = :ws AND id = :id`,
        { ws, id },
      );
      return row && toLead(d, row);
    },
    async ensureLeads(wsId, ids, now) {
      const ws = await wsKeys.of(wsId);
      if (ids.length === 0) return;
      // The ids as one list parameter: on PostgreSQL a text array, far fewer bytes than rows.
      // The WHERE keeps SQLite from reading ON CONFLICT as part of a join.
      await db.run(
        `INSERT INTO leads (ws, id, traits, company_id, created_at, updated_at)
         SELECT CAST(:ws AS INTEGER), value, ${d.jsonParam('traits')}, NULL, CAST(:now AS BIGINT),
           CAST(:now AS BIGINT)
         FROM ${d.listTable('ids')} AS t WHERE true
         ON CONFLICT (ws, id) DO NOTHING`,
        { ws, ids: [...new Set(ids)], traits: '{}', now },
      );
    },
    async upsertLead(wsId, id, patch, now) {
      const ws = await wsKeys.of(wsId);
      const { traits, onConflict } = await merged('leads', ws, id, patch);
      const row = await db.get<LeadColumns>(
        `INSERT INTO leads (ws, id, traits, company_id, created_at, updated_at)
         VALUES (:ws, :id, ${d.jsonParam('traits')}, NULL, :now, :now)
         ON CONFLICT (ws, id)
         DO UPDATE SET traits = ${onConflict}, updated_at = excluded.updated_at
         RETURNING ${LEAD_COLUMNS}`,
        { ws, id, traits: JSON.stringify(traits), now },
      );
      return toLead(d, one(row));
    },
    async setLeadCompany(wsId, leadId, companyId, now) {
      const ws = await wsKeys.of(wsId);
      const changed = await db.run(
        `UPDATE leads SET company_id = :companyId, updated_at = :now
         WHERE ws = :ws AND id = :leadId`,
        { ws, leadId, companyId, now },
      );
      if (changed === 0) throw new StoreError('not_found', `lead ${leadId} not found`);
    },
    async deleteLead(wsId, id) {
      const ws = await wsKeys.of(wsId);
      // Unattributed events of the lead's anonymous ids are about the lead too: erase them first,
      // while the identities that tell which they are still exist.
      const anonymous = await db.run(
        `DELETE FROM events WHERE ws = :ws AND lead_id IS NULL AND anonymous_id IN
           (SELECT anonymous_id FROM identities WHERE ws = :ws AND lead_id = :id)`,
        { ws, id },
      );
      const del = (table: string, column: string) => count(table, column, ws, id);
      // What write-back channels last wrote for it (a hash of its values) goes too.
      await del('channel_sync_state', 'lead_id');
      // The kept catalog's frequent values may hold its values: dropped, computed again when read.
      await db.run('DELETE FROM catalogs WHERE ws = :ws', { ws });
      // Its manual score adjustments too.
      await del('lead_adjustments', 'lead_id');
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
    async getCompany(wsId, id) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<CompanyColumns>(
        `SELECT ${COMPANY_COLUMNS} FROM companies WHERE ws = :ws AND id = :id`,
        { ws, id },
      );
      return row && toCompany(d, row);
    },
    async upsertCompany(wsId, id, patch, now) {
      const ws = await wsKeys.of(wsId);
      const { traits, onConflict } = await merged('companies', ws, id, patch);
      const row = await db.get<CompanyColumns>(
        `INSERT INTO companies (ws, id, traits, created_at, updated_at)
         VALUES (:ws, :id, ${d.jsonParam('traits')}, :now, :now)
         ON CONFLICT (ws, id)
         DO UPDATE SET traits = ${onConflict}, updated_at = excluded.updated_at
         RETURNING ${COMPANY_COLUMNS}`,
        { ws, id, traits: JSON.stringify(traits), now },
      );
      return toCompany(d, one(row));
    },
    async linkIdentity(wsId, anonymousId, leadId, now) {
      const ws = await wsKeys.of(wsId);
      await db.run(
        `INSERT INTO identities (ws, anonymous_id, lead_id, created_at)
         VALUES (:ws, :anonymousId, :leadId, :now)
         ON CONFLICT (ws, anonymous_id) DO UPDATE SET lead_id = excluded.lead_id`,
        { ws, anonymousId, leadId, now },
      );
    },
    async resolveIdentity(wsId, anonymousId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ lead_id: string }>(
        'SELECT lead_id FROM identities WHERE ws = :ws AND anonymous_id = :anonymousId',
        { ws, anonymousId },
      );
      return row?.lead_id;
    },
    async assignAnonymousEvents(wsId, anonymousId, leadId) {
      const ws = await wsKeys.of(wsId);
      return db.run(
        `UPDATE events SET lead_id = :leadId
         WHERE ws = :ws AND anonymous_id = :anonymousId AND lead_id IS NULL`,
        { ws, anonymousId, leadId },
      );
    },
  };
}

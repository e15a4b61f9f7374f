// What the dashboard reads per lead (extras of a list page, events newest first), the
// transitions feed, and revoking a key that is not the last live admin key.
import { toApiKey, type ApiKeyRow } from '../account-rows.js';
import type { DashboardMethods } from '../dashboard-port.js';
import { TREND_LENGTH, type Snapshot } from '../dashboard-records.js';
import type { HistoryEntry } from '../records.js';
import { API_KEY_COLUMNS } from './accounts.js';
import { LEAD_EVENT_COLUMNS, toLeadEvent, type LeadEventColumns } from './event-rows.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

interface TransitionRow {
  id: number;
  lead_id: string;
  at: number;
  cause: HistoryEntry['cause'];
  cause_ref: string | null;
  score: number;
  grade: string | null;
  segment: string;
  stage: Snapshot['stage'];
  previous: unknown;
}

type Methods = Pick<
  DashboardMethods,
  'leadExtras' | 'listLeadEvents' | 'listTransitions' | 'revokeApiKeyKeepingAdmin'
>;

export function dashboardMethods(db: SqlDb, wsKeys: WorkspaceKeys): Methods {
  const d = db.dialect;
  /** The previous snapshot's field differs from the entry's column (a transition). */
  const changed = (field: string) => `${d.jsonField('previous', field)} IS DISTINCT FROM ${field}`;
  return {
    async leadExtras(wsId, leadIds) {
      const ws = await wsKeys.of(wsId);
      // Per lead: max(time) is one backward seek on events_lead, the trend one backward range
      // of TREND_LENGTH rows on score_history_lead.
      const rows = await db.all<{
        id: string;
        owner: string | null;
        tags: unknown;
        last: number | null;
        trend: unknown;
      }>(
        `SELECT i.id, r.owner, r.tags,
           (SELECT max(e.time) FROM events e WHERE e.ws = :ws AND e.lead_id = i.id)
             AS last,
           (SELECT ${d.jsonArrayAgg('t.score', 't.at, t.id')} FROM (
               SELECT h.score, h.at, h.id FROM score_history h
               WHERE h.ws = :ws AND h.lead_id = i.id
               ORDER BY h.at DESC, h.id DESC LIMIT :keep) t) AS trend
         FROM (SELECT DISTINCT value AS id FROM ${d.listTable('ids')} ids) i
         LEFT JOIN lead_routing r ON r.ws = :ws AND r.lead_id = i.id`,
        { ws, ids: [...leadIds], keep: TREND_LENGTH },
      );
      return new Map(
        rows.map((r) => [
          r.id,
          {
            owner: r.owner,
            tags: r.tags === null ? [] : (d.readJson(r.tags) as string[]),
            lastEventTime: r.last,
            trend: r.trend === null ? [] : (d.readJson(r.trend) as number[]),
          },
        ]),
      );
    },
    async listLeadEvents(wsId, leadId, { limit, before }) {
      const ws = await wsKeys.of(wsId);
      const rows = before
        ? await db.all<LeadEventColumns>(
            `SELECT ${LEAD_EVENT_COLUMNS} FROM events
             WHERE ws = :ws AND lead_id = :leadId AND (time, seq) < (:time, :seq)
             ORDER BY time DESC, seq DESC LIMIT :limit`,
            { ws, leadId, time: before.time, seq: before.seq, limit },
          )
        : await db.all<LeadEventColumns>(
            `SELECT ${LEAD_EVENT_COLUMNS} FROM events WHERE ws = :ws AND lead_id = :leadId
             ORDER BY time DESC, seq DESC LIMIT :limit`,
            { ws, leadId, limit },
          );
      return rows.map((r) => toLeadEvent(d, r));
    },
    async listTransitions(wsId, { limit, before }) {
      const ws = await wsKeys.of(wsId);
      // Unindexed ws (SQLite): walk the history backwards by id (the feed's order) and
      // stop after `limit` matches, instead of sorting the workspace's whole history by id first.
      const rows = await db.all<TransitionRow>(
        `SELECT id, lead_id, at, cause, cause_ref, score, grade, segment, stage, previous
         FROM score_history
         WHERE ${d.unindexed('ws')} = :ws AND id < :before
           AND (previous IS NULL
             OR ${changed('segment')} OR ${changed('grade')} OR ${changed('stage')})
         ORDER BY id DESC LIMIT :limit`,
        { ws, before: before ?? Number.MAX_SAFE_INTEGER, limit },
      );
      return rows.map((r) => ({
        id: r.id,
        leadId: r.lead_id,
        at: r.at,
        cause: r.cause,
        causeRef: r.cause_ref,
        from: r.previous === null ? null : (d.readJson(r.previous) as Snapshot),
        to: { score: r.score, grade: r.grade, segment: r.segment, stage: r.stage },
      }));
    },
    async revokeApiKeyKeepingAdmin(wsId, keyId, now) {
      const ws = await wsKeys.of(wsId);
      // The live admin keys, locked in id order (PostgreSQL; SQLite runs transactions one at a
      // time): a concurrent revocation waits here, then sees this one's outcome, so two calls
      // never revoke the last two admin keys together.
      const admins = await db.all<{ id: string }>(
        `SELECT id FROM api_keys WHERE ws = :ws AND kind = 'admin'
           AND revoked_at IS NULL
         ORDER BY id ${d.forUpdate}`,
        { ws },
      );
      const row = await db.get<ApiKeyRow>(
        `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE ws = :ws AND id = :keyId
         ${d.forUpdate}`,
        { ws, keyId },
      );
      if (!row) return undefined;
      if (row.revoked_at !== null) return { status: 'already_revoked', key: toApiKey(row) };
      if (row.kind === 'admin' && admins.every((a) => a.id === keyId))
        return { status: 'last_admin', key: toApiKey(row) };
      await db.run('UPDATE api_keys SET revoked_at = :now WHERE ws = :ws AND id = :keyId', {
        ws,
        keyId,
        now,
      });
      return { status: 'revoked', key: toApiKey({ ...row, revoked_at: now }) };
    },
  };
}

// SQLite: what the dashboard reads per lead (extras of a list page, events newest first), the
// transitions feed, and revoking a key that is not the last live admin key.
import { toApiKey, type ApiKeyRow } from '../account-rows.js';
import type { DashboardMethods } from '../dashboard-port.js';
import { TREND_LENGTH, type LeadEvent, type Snapshot } from '../dashboard-records.js';
import type { HistoryEntry } from '../records.js';
import { parseObject, type Sql } from './sqlite-db.js';

interface EventRow {
  seq: number;
  message_id: string;
  type: LeadEvent['type'];
  name: string;
  time: number;
  received_at: number;
  payload: string;
}

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
  previous: string | null;
}

type Methods = Pick<
  DashboardMethods,
  'leadExtras' | 'listLeadEvents' | 'listTransitions' | 'revokeApiKeyKeepingAdmin'
>;

export function dashboardMethods(sql: Sql): Methods {
  return {
    async leadExtras(ws, leadIds) {
      const ids = JSON.stringify([...new Set(leadIds)]);
      // max(time) per lead is one seek on events_lead, however many events the lead has.
      const rows = sql<{
        id: string;
        owner: string | null;
        tags: string | null;
        last: number | null;
      }>(
        `SELECT j.value AS id, r.owner, r.tags,
           (SELECT max(e.time) FROM events e
            WHERE e.workspace_id = @ws AND e.lead_id = j.value) AS last
         FROM json_each(@ids) j
         LEFT JOIN lead_routing r ON r.workspace_id = @ws AND r.lead_id = j.value`,
      ).all({ ws, ids });
      const trends = sql<{ lead_id: string; score: number }>(
        `SELECT lead_id, score FROM (
           SELECT lead_id, score, at, id,
             row_number() OVER (PARTITION BY lead_id ORDER BY at DESC, id DESC) AS n
           FROM score_history
           WHERE workspace_id = @ws AND lead_id IN (SELECT value FROM json_each(@ids)))
         WHERE n <= @keep ORDER BY lead_id, at, id`,
      ).all({ ws, ids, keep: TREND_LENGTH });
      const trendOf = new Map<string, number[]>();
      for (const t of trends) {
        const trend = trendOf.get(t.lead_id);
        if (trend) trend.push(t.score);
        else trendOf.set(t.lead_id, [t.score]);
      }
      return new Map(
        rows.map((r) => [
          r.id,
          {
            owner: r.owner,
            tags: r.tags === null ? [] : (JSON.parse(r.tags) as string[]),
            lastEventTime: r.last,
            trend: trendOf.get(r.id) ?? [],
          },
        ]),
      );
    },
    async listLeadEvents(ws, leadId, { limit, before }) {
      const columns = 'seq, message_id, type, name, time, received_at, payload';
      const rows = before
        ? sql<EventRow>(
            `SELECT ${columns} FROM events
             WHERE workspace_id = @ws AND lead_id = @leadId AND (time, seq) < (@time, @seq)
             ORDER BY time DESC, seq DESC LIMIT @limit`,
          ).all({ ws, leadId, time: before.time, seq: before.seq, limit })
        : sql<EventRow>(
            `SELECT ${columns} FROM events WHERE workspace_id = @ws AND lead_id = @leadId
             ORDER BY time DESC, seq DESC LIMIT @limit`,
          ).all({ ws, leadId, limit });
      return rows.map((r) => ({
        seq: r.seq,
        messageId: r.message_id,
        type: r.type,
        name: r.name,
        time: r.time,
        receivedAt: r.received_at,
        payload: parseObject(r.payload),
      }));
    },
    async listTransitions(ws, { limit, before }) {
      // `+workspace_id`: walk the history backwards by id (the feed's order) and stop after
      // `limit` matches, instead of sorting the workspace's whole history by id first.
      const rows = sql<TransitionRow>(
        `SELECT id, lead_id, at, cause, cause_ref, score, grade, segment, stage, previous
         FROM score_history
         WHERE +workspace_id = @ws AND id < @before
           AND (previous IS NULL
             OR json_extract(previous, '$.segment') IS NOT segment
             OR json_extract(previous, '$.grade') IS NOT grade
             OR json_extract(previous, '$.stage') IS NOT stage)
         ORDER BY id DESC LIMIT @limit`,
      ).all({ ws, before: before ?? Number.MAX_SAFE_INTEGER, limit });
      return rows.map((r) => ({
        id: r.id,
        leadId: r.lead_id,
        at: r.at,
        cause: r.cause,
        causeRef: r.cause_ref,
        from: r.previous === null ? null : (JSON.parse(r.previous) as Snapshot),
        to: { score: r.score, grade: r.grade, segment: r.segment, stage: r.stage },
      }));
    },
    async revokeApiKeyKeepingAdmin(ws, keyId, now) {
      // Transactions run one at a time here: the check and the update cannot interleave.
      const get = () =>
        sql<ApiKeyRow>('SELECT * FROM api_keys WHERE workspace_id = @ws AND id = @keyId').get({
          ws,
          keyId,
        });
      const row = get();
      if (!row) return undefined;
      if (row.revoked_at !== null) return { status: 'already_revoked', key: toApiKey(row) };
      if (row.kind === 'admin') {
        const others = sql<{ n: number }>(
          `SELECT count(*) AS n FROM api_keys WHERE workspace_id = @ws AND kind = 'admin'
             AND revoked_at IS NULL AND id <> @keyId`,
        ).get({ ws, keyId });
        if ((others?.n ?? 0) === 0) return { status: 'last_admin', key: toApiKey(row) };
      }
      sql('UPDATE api_keys SET revoked_at = @now WHERE workspace_id = @ws AND id = @keyId').run({
        ws,
        keyId,
        now,
      });
      return { status: 'revoked', key: toApiKey({ ...row, revoked_at: now }) };
    },
  };
}

// PostgreSQL: what the dashboard reads per lead (extras of a list page, events newest first), the
// transitions feed, and revoking a key that is not the last live admin key.
import { toApiKey, type ApiKeyRow } from '../account-rows.js';
import type { DashboardMethods } from '../dashboard-port.js';
import { TREND_LENGTH, type LeadEvent, type Snapshot } from '../dashboard-records.js';
import type { HistoryEntry, JsonObject } from '../records.js';
import type { Query } from './pg-db.js';

interface EventRow {
  seq: number;
  message_id: string;
  type: LeadEvent['type'];
  name: string;
  time: number;
  received_at: number;
  payload: JsonObject;
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
  previous: Snapshot | null;
}

type Methods = Pick<
  DashboardMethods,
  'leadExtras' | 'listLeadEvents' | 'listTransitions' | 'revokeApiKeyKeepingAdmin'
>;

/** The previous snapshot's field, in the collation of the history's columns. */
const previous = (field: string) => `(previous->>'${field}') COLLATE "C"`;

export function dashboardMethods(q: Query): Methods {
  return {
    async leadExtras(ws, leadIds) {
      // Per lead: max(time) is one backward index seek, the trend one index range of 12 rows.
      const { rows } = await q<{
        id: string;
        owner: string | null;
        tags: string[] | null;
        last: number | null;
        trend: number[];
      }>(
        `SELECT i.id, r.owner, r.tags,
           (SELECT max(e.time) FROM events e WHERE e.workspace_id = $1 AND e.lead_id = i.id) AS last,
           ARRAY(SELECT t.score FROM (
               SELECT h.score, h.at, h.id FROM score_history h
               WHERE h.workspace_id = $1 AND h.lead_id = i.id
               ORDER BY h.at DESC, h.id DESC LIMIT $3) t
             ORDER BY t.at, t.id) AS trend
         FROM (SELECT DISTINCT unnest($2::text[]) COLLATE "C" AS id) i
         LEFT JOIN lead_routing r ON r.workspace_id = $1 AND r.lead_id = i.id`,
        [ws, [...leadIds], TREND_LENGTH],
      );
      return new Map(
        rows.map((r) => [
          r.id,
          { owner: r.owner, tags: r.tags ?? [], lastEventTime: r.last, trend: r.trend },
        ]),
      );
    },
    async listLeadEvents(ws, leadId, { limit, before }) {
      const columns = 'seq, message_id, type, name, time, received_at, payload';
      const { rows } = before
        ? await q<EventRow>(
            `SELECT ${columns} FROM events
             WHERE workspace_id = $1 AND lead_id = $2 AND (time, seq) < ($3, $4)
             ORDER BY time DESC, seq DESC LIMIT $5`,
            [ws, leadId, before.time, before.seq, limit],
          )
        : await q<EventRow>(
            `SELECT ${columns} FROM events WHERE workspace_id = $1 AND lead_id = $2
             ORDER BY time DESC, seq DESC LIMIT $3`,
            [ws, leadId, limit],
          );
      return rows.map((r) => ({
        seq: r.seq,
        messageId: r.message_id,
        type: r.type,
        name: r.name,
        time: r.time,
        receivedAt: r.received_at,
        payload: r.payload,
      }));
    },
    async listTransitions(ws, { limit, before }) {
      const { rows } = await q<TransitionRow>(
        `SELECT id, lead_id, at, cause, cause_ref, score, grade, segment, stage, previous
         FROM score_history
         WHERE workspace_id = $1 AND id < $2
           AND (previous IS NULL
             OR ${previous('segment')} IS DISTINCT FROM segment
             OR ${previous('grade')} IS DISTINCT FROM grade
             OR ${previous('stage')} IS DISTINCT FROM stage)
         ORDER BY id DESC LIMIT $3`,
        [ws, before ?? Number.MAX_SAFE_INTEGER, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        leadId: r.lead_id,
        at: r.at,
        cause: r.cause,
        causeRef: r.cause_ref,
        from: r.previous,
        to: { score: r.score, grade: r.grade, segment: r.segment, stage: r.stage },
      }));
    },
    async revokeApiKeyKeepingAdmin(ws, keyId, now) {
      // The live admin keys, locked in id order: a concurrent revocation waits here, then sees
      // this one's outcome, so two calls never revoke the last two admin keys together.
      const admins = await q<{ id: string }>(
        `SELECT id FROM api_keys WHERE workspace_id = $1 AND kind = 'admin' AND revoked_at IS NULL
         ORDER BY id FOR UPDATE`,
        [ws],
      );
      const { rows } = await q<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
        [ws, keyId],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (row.revoked_at !== null) return { status: 'already_revoked', key: toApiKey(row) };
      if (row.kind === 'admin' && admins.rows.every((a) => a.id === keyId))
        return { status: 'last_admin', key: toApiKey(row) };
      await q('UPDATE api_keys SET revoked_at = $3 WHERE workspace_id = $1 AND id = $2', [
        ws,
        keyId,
        now,
      ]);
      return { status: 'revoked', key: toApiKey({ ...row, revoked_at: now }) };
    },
  };
}

// PostgreSQL: the stored score per lead (bulk upserts via unnest) and its change history.
import { decodeState, encodeState } from '../../core/stored-state.js';
import type { StoreTx } from '../port.js';
import type { HistoryEntry, LeadScoreRow } from '../records.js';
import type { Query } from './pg-db.js';

export interface ScoreRow {
  lead_id: string;
  model_version: number;
  /** The stored form (src/core/stored-state.ts). */
  state: unknown;
  score: number;
  fit: number;
  engagement: number;
  grade: string | null;
  segment: string;
  stage: LeadScoreRow['stage'];
  categories: Record<string, number>;
  scored_at: number;
  last_event_time: number | null;
  updated_at: number;
  due_at: number | null;
}

export const toScore = (r: ScoreRow): LeadScoreRow => ({
  leadId: r.lead_id,
  modelVersion: r.model_version,
  state: decodeState(r.state),
  score: r.score,
  fit: r.fit,
  engagement: r.engagement,
  grade: r.grade,
  segment: r.segment,
  stage: r.stage,
  categories: r.categories,
  scoredAt: r.scored_at,
  lastEventTime: r.last_event_time,
  updatedAt: r.updated_at,
  dueAt: r.due_at,
});

/** Column and type of each field, in the order of the row objects sent as one JSON array. */
const FIELDS: [keyof ScoreRow, string][] = [
  ['lead_id', 'text'],
  ['model_version', 'int4'],
  ['state', 'json'],
  ['score', 'float8'],
  ['fit', 'float8'],
  ['engagement', 'float8'],
  ['grade', 'text'],
  ['segment', 'text'],
  ['stage', 'text'],
  ['categories', 'jsonb'],
  ['scored_at', 'int8'],
  ['last_event_time', 'int8'],
  ['updated_at', 'int8'],
  ['due_at', 'int8'],
];

const toRow = (s: LeadScoreRow): ScoreRow => ({
  lead_id: s.leadId,
  model_version: s.modelVersion,
  state: encodeState(s.state),
  score: s.score,
  fit: s.fit,
  engagement: s.engagement,
  grade: s.grade,
  segment: s.segment,
  stage: s.stage,
  categories: s.categories,
  scored_at: s.scoredAt,
  last_event_time: s.lastEventTime,
  updated_at: s.updatedAt,
  due_at: s.dueAt ?? null,
});

// The rows travel as one JSON document: PostgreSQL parses it once, with no per-value escaping.
const UPSERT = `INSERT INTO lead_scores (workspace_id, ${FIELDS.map(([c]) => c).join(', ')})
  SELECT $1, * FROM json_to_recordset($2::json) AS t(${FIELDS.map(([c, t]) => `${c} ${t}`).join(', ')})
  ON CONFLICT (workspace_id, lead_id) DO UPDATE SET
  ${FIELDS.slice(1)
    .map(([c]) => `${c} = excluded.${c}`)
    .join(', ')}`;

/** Rows per statement: large enough to amortise round trips, small enough to stay a few MB. */
const CHUNK = 5000;

async function upsert(q: Query, ws: string, rows: readonly LeadScoreRow[]): Promise<void> {
  // One statement cannot update a row twice, so keep each lead's last row.
  const latest = [...new Map(rows.map((r) => [r.leadId, r])).values()];
  for (let start = 0; start < latest.length; start += CHUNK) {
    await q(UPSERT, [ws, JSON.stringify(latest.slice(start, start + CHUNK).map(toRow))]);
  }
}

// Entries travel as one JSON array; WITH ORDINALITY keeps their order in the serial ids.
const INSERT_HISTORIES = `INSERT INTO score_history (workspace_id, lead_id, at, cause, cause_ref,
    model_version, score, grade, segment, stage, previous)
  SELECT $1, e.lead_id, e.at, e.cause, e.cause_ref, e.model_version, e.score, e.grade, e.segment,
    e.stage, e.previous
  FROM json_array_elements($2::json) WITH ORDINALITY AS t(entry, ord),
    json_to_record(t.entry) AS e(lead_id text, at int8, cause text, cause_ref text,
      model_version int4, score float8, grade text, segment text, stage text, previous jsonb)
  ORDER BY t.ord`;

async function appendHistories(
  q: Query,
  ws: string,
  entries: readonly HistoryEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK).map((e) => ({
      lead_id: e.leadId,
      at: e.at,
      cause: e.cause,
      cause_ref: e.causeRef,
      model_version: e.modelVersion,
      score: e.score,
      grade: e.grade,
      segment: e.segment,
      stage: e.stage,
      previous: e.previous,
    }));
    await q(INSERT_HISTORIES, [ws, JSON.stringify(chunk)]);
  }
}

interface HistoryRow extends Omit<HistoryEntry, 'leadId' | 'causeRef' | 'modelVersion'> {
  lead_id: string;
  cause_ref: string | null;
  model_version: number;
}

type ScoreMethods = Pick<
  StoreTx,
  | 'getScore'
  | 'getScores'
  | 'putScore'
  | 'putScores'
  | 'appendHistory'
  | 'appendHistories'
  | 'listDueLeads'
  | 'listHistory'
>;

export function scoreMethods(q: Query): ScoreMethods {
  return {
    async getScore(ws, leadId) {
      const { rows } = await q<ScoreRow>(
        'SELECT * FROM lead_scores WHERE workspace_id = $1 AND lead_id = $2',
        [ws, leadId],
      );
      return rows[0] && toScore(rows[0]);
    },
    async getScores(ws, leadIds) {
      const found = new Map<string, LeadScoreRow>();
      if (leadIds.length === 0) return found;
      const { rows } = await q<ScoreRow>(
        'SELECT * FROM lead_scores WHERE workspace_id = $1 AND lead_id = ANY($2::text[])',
        [ws, [...new Set(leadIds)]],
      );
      for (const row of rows) found.set(row.lead_id, toScore(row));
      return found;
    },
    putScore: (ws, row) => upsert(q, ws, [row]),
    putScores: (ws, rows) => upsert(q, ws, rows),
    appendHistory: (ws, e) => appendHistories(q, ws, [e]),
    appendHistories: (ws, entries) => appendHistories(q, ws, entries),
    async listDueLeads(before, limit) {
      const { rows } = await q<{ workspace_id: string; lead_id: string; due_at: number }>(
        `SELECT workspace_id, lead_id, due_at FROM lead_scores
         WHERE due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at LIMIT $2`,
        [before, limit],
      );
      return rows.map((r) => ({ workspaceId: r.workspace_id, leadId: r.lead_id, dueAt: r.due_at }));
    },
    async listHistory(ws, leadId, { limit }) {
      const { rows } = await q<HistoryRow>(
        `SELECT lead_id, at, cause, cause_ref, model_version, score, grade, segment, stage, previous
         FROM score_history WHERE workspace_id = $1 AND lead_id = $2
         ORDER BY at DESC, id DESC LIMIT $3`,
        [ws, leadId, limit],
      );
      return rows.map(({ lead_id, cause_ref, model_version, ...rest }) => ({
        ...rest,
        leadId: lead_id,
        causeRef: cause_ref,
        modelVersion: model_version,
      }));
    },
  };
}

// SQLite: the stored score per lead and the history of its changes.
import { decodeState, encodeState } from '../../core/stored-state.js';
import type { StoreTx } from '../port.js';
import type { HistoryEntry, LeadScoreRow } from '../records.js';
import type { Params, Sql } from './sqlite-db.js';

export interface ScoreRow {
  lead_id: string;
  model_version: number;
  state: string;
  score: number;
  fit: number;
  engagement: number;
  grade: string | null;
  segment: string;
  stage: LeadScoreRow['stage'];
  categories: string;
  scored_at: number;
  last_event_time: number | null;
  updated_at: number;
  due_at: number | null;
}

export const toScore = (r: ScoreRow): LeadScoreRow => ({
  leadId: r.lead_id,
  modelVersion: r.model_version,
  state: decodeState(JSON.parse(r.state)),
  score: r.score,
  fit: r.fit,
  engagement: r.engagement,
  grade: r.grade,
  segment: r.segment,
  stage: r.stage,
  categories: JSON.parse(r.categories) as Record<string, number>,
  scoredAt: r.scored_at,
  lastEventTime: r.last_event_time,
  updatedAt: r.updated_at,
  dueAt: r.due_at,
});

const scoreParams = (ws: string, s: LeadScoreRow): Params => ({
  ws,
  leadId: s.leadId,
  modelVersion: s.modelVersion,
  state: JSON.stringify(encodeState(s.state)),
  score: s.score,
  fit: s.fit,
  engagement: s.engagement,
  grade: s.grade,
  segment: s.segment,
  stage: s.stage,
  categories: JSON.stringify(s.categories),
  scoredAt: s.scoredAt,
  lastEventTime: s.lastEventTime,
  updatedAt: s.updatedAt,
  dueAt: s.dueAt ?? null,
});

const UPSERT = `INSERT INTO lead_scores (workspace_id, lead_id, model_version, state, score, fit,
    engagement, grade, segment, stage, categories, scored_at, last_event_time, updated_at, due_at)
  VALUES (@ws, @leadId, @modelVersion, @state, @score, @fit, @engagement, @grade, @segment,
    @stage, @categories, @scoredAt, @lastEventTime, @updatedAt, @dueAt)
  ON CONFLICT (workspace_id, lead_id) DO UPDATE SET model_version = excluded.model_version,
    state = excluded.state, score = excluded.score, fit = excluded.fit,
    engagement = excluded.engagement, grade = excluded.grade, segment = excluded.segment,
    stage = excluded.stage, categories = excluded.categories, scored_at = excluded.scored_at,
    last_event_time = excluded.last_event_time, updated_at = excluded.updated_at,
    due_at = excluded.due_at`;

const GET_SCORE = 'SELECT * FROM lead_scores WHERE workspace_id = @ws AND lead_id = @leadId';

const INSERT_HISTORY = `INSERT INTO score_history (workspace_id, lead_id, at, cause, cause_ref,
    model_version, score, grade, segment, stage, previous)
  VALUES (@ws, @leadId, @at, @cause, @causeRef, @modelVersion, @score, @grade, @segment, @stage,
    @previous)`;

const historyParams = (ws: string, e: HistoryEntry): Params => ({
  ws,
  leadId: e.leadId,
  at: e.at,
  cause: e.cause,
  causeRef: e.causeRef,
  modelVersion: e.modelVersion,
  score: e.score,
  grade: e.grade,
  segment: e.segment,
  stage: e.stage,
  previous: e.previous === null ? null : JSON.stringify(e.previous),
});

interface HistoryRow {
  lead_id: string;
  at: number;
  cause: HistoryEntry['cause'];
  cause_ref: string | null;
  model_version: number;
  score: number;
  grade: string | null;
  segment: string;
  stage: HistoryEntry['stage'];
  previous: string | null;
}

const toHistory = (r: HistoryRow): HistoryEntry => ({
  leadId: r.lead_id,
  at: r.at,
  cause: r.cause,
  causeRef: r.cause_ref,
  modelVersion: r.model_version,
  score: r.score,
  grade: r.grade,
  segment: r.segment,
  stage: r.stage,
  previous: r.previous === null ? null : (JSON.parse(r.previous) as HistoryEntry['previous']),
});

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

export function scoreMethods(sql: Sql): ScoreMethods {
  return {
    async getScore(ws, leadId) {
      const row = sql<ScoreRow>(GET_SCORE).get({ ws, leadId });
      return row && toScore(row);
    },
    async getScores(ws, leadIds) {
      const select = sql<ScoreRow>(GET_SCORE);
      const found = new Map<string, LeadScoreRow>();
      for (const leadId of leadIds) {
        const row = select.get({ ws, leadId });
        if (row) found.set(leadId, toScore(row));
      }
      return found;
    },
    async putScore(ws, row) {
      sql(UPSERT).run(scoreParams(ws, row));
    },
    async putScores(ws, rows) {
      // One prepared statement inside the caller's transaction: no per-row commit, so fast.
      const upsert = sql(UPSERT);
      for (const row of rows) upsert.run(scoreParams(ws, row));
    },
    async appendHistory(ws, e) {
      sql(INSERT_HISTORY).run(historyParams(ws, e));
    },
    async appendHistories(ws, entries) {
      const insert = sql(INSERT_HISTORY);
      for (const e of entries) insert.run(historyParams(ws, e));
    },
    async listDueLeads(before, limit) {
      return sql<{ workspace_id: string; lead_id: string; due_at: number }>(
        `SELECT workspace_id, lead_id, due_at FROM lead_scores
         WHERE due_at IS NOT NULL AND due_at <= @before ORDER BY due_at LIMIT @limit`,
      )
        .all({ before, limit })
        .map((r) => ({ workspaceId: r.workspace_id, leadId: r.lead_id, dueAt: r.due_at }));
    },
    async listHistory(ws, leadId, { limit }) {
      return sql<HistoryRow>(
        `SELECT lead_id, at, cause, cause_ref, model_version, score, grade, segment, stage, previous
         FROM score_history WHERE workspace_id = @ws AND lead_id = @leadId
         ORDER BY at DESC, id DESC LIMIT @limit`,
      )
        .all({ ws, leadId, limit })
        .map(toHistory);
    },
  };
}

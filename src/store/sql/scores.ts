// The stored score per lead (upserted in bulk), the leads decay will move, and the history of
// each lead's score changes.
import type { StoreTx } from '../port.js';
import type { HistoryEntry, LeadScoreRow } from '../records.js';
import { lastPerKey } from './last-per-key.js';
import { SCORE_COLUMNS, SCORE_WRITE, toScore, type ScoreColumns } from './score-rows.js';
import type { Column, SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

/** Rows per statement on PostgreSQL: a rescore writes every lead's row in one transaction. */
const CHUNK = 5000;

const UPSERT = `ON CONFLICT (ws, lead_id) DO UPDATE SET
  ${SCORE_WRITE.slice(1)
    .map((c) => `${c.name} = excluded.${c.name}`)
    .join(', ')}`;

const HISTORY_WRITE: Column<HistoryEntry>[] = [
  { name: 'lead_id', type: 'text', value: (e) => e.leadId },
  { name: 'at', type: 'bigint', value: (e) => e.at },
  { name: 'cause', type: 'text', value: (e) => e.cause },
  { name: 'cause_ref', type: 'text', value: (e) => e.causeRef },
  { name: 'model_version', type: 'int', value: (e) => e.modelVersion },
  { name: 'score', type: 'float', value: (e) => e.score },
  { name: 'grade', type: 'text', value: (e) => e.grade },
  { name: 'segment', type: 'text', value: (e) => e.segment },
  { name: 'stage', type: 'text', value: (e) => e.stage },
  // A first score has no previous one: SQL NULL.
  { name: 'previous', type: 'jsonb', value: (e) => e.previous },
];

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
  /** JSON or NULL: text on SQLite, parsed on PostgreSQL. */
  previous: unknown;
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

export function scoreMethods(db: SqlDb, wsKeys: WorkspaceKeys): ScoreMethods {
  const d = db.dialect;

  const putScores = async (ws: number, rows: readonly LeadScoreRow[]) => {
    await db.insertMany({
      table: 'lead_scores',
      fixed: { ws },
      columns: SCORE_WRITE,
      rows: lastPerKey(rows, (r) => r.leadId),
      conflict: UPSERT,
      chunk: CHUNK,
    });
  };

  const appendHistories = async (ws: number, entries: readonly HistoryEntry[]) => {
    // In input order: the serial ids keep the order of entries with equal times.
    await db.insertMany({
      table: 'score_history',
      fixed: { ws },
      columns: HISTORY_WRITE,
      rows: entries,
      chunk: CHUNK,
    });
  };

  return {
    async getScore(wsId, leadId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<ScoreColumns>(
        `SELECT ${SCORE_COLUMNS} FROM lead_scores WHERE ws = :ws AND lead_id = :leadId`,
        { ws, leadId },
      );
      return row && toScore(d, row);
    },
    async getScores(wsId, leadIds) {
      const ws = await wsKeys.of(wsId);
      const found = new Map<string, LeadScoreRow>();
      if (leadIds.length === 0) return found;
      const rows = await db.all<ScoreColumns>(
        `SELECT ${SCORE_COLUMNS} FROM lead_scores
         WHERE ws = :ws AND lead_id ${d.inList('ids')}`,
        { ws, ids: [...new Set(leadIds)] },
      );
      for (const row of rows) found.set(row.lead_id, toScore(d, row));
      return found;
    },
    putScore: async (wsId, row) => putScores(await wsKeys.of(wsId), [row]),
    putScores: async (wsId, rows) => putScores(await wsKeys.of(wsId), rows),
    appendHistory: async (wsId, e) => appendHistories(await wsKeys.of(wsId), [e]),
    appendHistories: async (wsId, entries) => appendHistories(await wsKeys.of(wsId), entries),
    async listDueLeads(before, limit) {
      const rows = await db.all<{ workspace_id: string; lead_id: string; due_at: number }>(
        `SELECT (SELECT w.id FROM workspaces w WHERE w.ws = s.ws) AS workspace_id, s.lead_id,
           s.due_at
         FROM lead_scores s
         WHERE s.due_at IS NOT NULL AND s.due_at <= :before ORDER BY s.due_at LIMIT :limit`,
        { before, limit },
      );
      return rows.map((r) => ({
        workspaceId: r.workspace_id,
        leadId: r.lead_id,
        dueAt: r.due_at,
      }));
    },
    async listHistory(wsId, leadId, { limit }) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<HistoryRow>(
        `SELECT lead_id, at, cause, cause_ref, model_version, score, grade, segment, stage, previous
         FROM score_history WHERE ws = :ws AND lead_id = :leadId
         ORDER BY at DESC, id DESC LIMIT :limit`,
        { ws, leadId, limit },
      );
      return rows.map((r) => ({
        leadId: r.lead_id,
        at: r.at,
        cause: r.cause,
        causeRef: r.cause_ref,
        modelVersion: r.model_version,
        score: r.score,
        grade: r.grade,
        segment: r.segment,
        stage: r.stage,
        previous: d.readJson(r.previous) as HistoryEntry['previous'],
      }));
    },
  };
}

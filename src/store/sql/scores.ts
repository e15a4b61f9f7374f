// The stored score per lead (upserted in bulk), the leads decay will move, and the history of
// each lead's score changes.
import type { StoreTx } from '../port.js';
import type { HistoryEntry, LeadScoreRow } from '../records.js';
import { SCORE_COLUMNS, SCORE_WRITE, toScore, type ScoreColumns } from './score-rows.js';
import type { Column, SqlDb } from './sql-db.js';

/** Rows per statement on PostgreSQL: a rescore writes every lead's row in one transaction. */
const CHUNK = 5000;

const UPSERT = `ON CONFLICT (workspace_id, lead_id) DO UPDATE SET
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

export function scoreMethods(db: SqlDb): ScoreMethods {
  const d = db.dialect;

  const putScores = async (ws: string, rows: readonly LeadScoreRow[]) => {
    // One statement cannot update a row twice (PostgreSQL), so keep each lead's last row.
    const latest = rows.length > 1 ? [...new Map(rows.map((r) => [r.leadId, r])).values()] : rows;
    await db.insertMany({
      table: 'lead_scores',
      fixed: { workspace_id: ws },
      columns: SCORE_WRITE,
      rows: latest,
      conflict: UPSERT,
      chunk: CHUNK,
    });
  };

  const appendHistories = async (ws: string, entries: readonly HistoryEntry[]) => {
    // In input order: the serial ids keep the order of entries with equal times.
    await db.insertMany({
      table: 'score_history',
      fixed: { workspace_id: ws },
      columns: HISTORY_WRITE,
      rows: entries,
      chunk: CHUNK,
    });
  };

  return {
    async getScore(ws, leadId) {
      const row = await db.get<ScoreColumns>(
        `SELECT ${SCORE_COLUMNS} FROM lead_scores WHERE workspace_id = :ws AND lead_id = :leadId`,
        { ws, leadId },
      );
      return row && toScore(d, row);
    },
    async getScores(ws, leadIds) {
      const found = new Map<string, LeadScoreRow>();
      if (leadIds.length === 0) return found;
      const rows = await db.all<ScoreColumns>(
        `SELECT ${SCORE_COLUMNS} FROM lead_scores
         WHERE workspace_id = :ws AND lead_id ${d.inList('ids')}`,
        { ws, ids: [...new Set(leadIds)] },
      );
      for (const row of rows) found.set(row.lead_id, toScore(d, row));
      return found;
    },
    putScore: (ws, row) => putScores(ws, [row]),
    putScores,
    appendHistory: (ws, e) => appendHistories(ws, [e]),
    appendHistories,
    async listDueLeads(before, limit) {
      const rows = await db.all<{ workspace_id: string; lead_id: string; due_at: number }>(
        `SELECT workspace_id, lead_id, due_at FROM lead_scores
         WHERE due_at IS NOT NULL AND due_at <= :before ORDER BY due_at LIMIT :limit`,
        { before, limit },
      );
      return rows.map((r) => ({ workspaceId: r.workspace_id, leadId: r.lead_id, dueAt: r.due_at }));
    },
    async listHistory(ws, leadId, { limit }) {
      const rows = await db.all<HistoryRow>(
        `SELECT lead_id, at, cause, cause_ref, model_version, score, grade, segment, stage, previous
         FROM score_history WHERE workspace_id = :ws AND lead_id = :leadId
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

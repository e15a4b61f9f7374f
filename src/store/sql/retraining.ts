// Scheduled retraining: the workspace's schedule (one row) and its runs, numbered per workspace.
import type { RetrainingDecision, RetrainingMethods } from '../retraining-port.js';
import { one, type SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

interface RunRow {
  seq: number | string;
  at: number | string;
  active_version: number | string | null;
  challenger_version: number | string | null;
  active_auc: number | null;
  challenger_auc: number | null;
  held_out: number | string;
  decision: RetrainingDecision;
  reason: string;
}

const num = (v: number | string) => Number(v);
const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

const DUE = `every_days IS NOT NULL
  AND COALESCE(claimed_at, updated_at) + every_days * 86400000 <= CAST(:now AS BIGINT)`;

export function retrainingMethods(db: SqlDb, wsKeys: WorkspaceKeys): RetrainingMethods {
  return {
    async getRetrainingSchedule(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{
        every_days: number | string | null;
        max_auc_drop: number;
        updated_at: number | string;
      }>('SELECT every_days, max_auc_drop, updated_at FROM retraining_schedules WHERE ws = :ws', {
        ws,
      });
      return (
        row && {
          everyDays: numOrNull(row.every_days),
          rule: { maxAucDrop: Number(row.max_auc_drop) },
          updatedAt: num(row.updated_at),
        }
      );
    },
    async putRetrainingSchedule(wsId, { everyDays, rule }, now) {
      const ws = await wsKeys.of(wsId);
      await db.run(
        `INSERT INTO retraining_schedules (ws, every_days, max_auc_drop, updated_at)
         VALUES (:ws, :everyDays, :maxAucDrop, :now)
         ON CONFLICT (ws) DO UPDATE SET every_days = excluded.every_days,
           max_auc_drop = excluded.max_auc_drop, updated_at = excluded.updated_at`,
        { ws, everyDays, maxAucDrop: rule.maxAucDrop, now },
      );
    },
    async dueRetraining(now) {
      const rows = await db.all<{ id: string }>(
        `SELECT w.id FROM retraining_schedules s JOIN workspaces w ON w.ws = s.ws
         WHERE ${DUE} ORDER BY w.id`,
        { now },
      );
      return rows.map((r) => r.id);
    },
    async claimRetraining(wsId, now) {
      const ws = await wsKeys.of(wsId);
      // One conditional update: of two servers claiming at once, only one still finds it due.
      const changed = await db.run(
        `UPDATE retraining_schedules SET claimed_at = CAST(:now AS BIGINT) WHERE ws = :ws AND ${DUE}`,
        { ws, now },
      );
      return changed === 1;
    },
    async addRetrainingRun(wsId, run) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ seq: number | string }>(
        `INSERT INTO retraining_runs (ws, seq, at, active_version, challenger_version,
           active_auc, challenger_auc, held_out, decision, reason)
         SELECT CAST(:ws AS INTEGER), COALESCE(MAX(seq), 0) + 1, CAST(:at AS BIGINT),
           CAST(:activeVersion AS BIGINT), CAST(:challengerVersion AS BIGINT),
           CAST(:activeAuc AS DOUBLE PRECISION), CAST(:challengerAuc AS DOUBLE PRECISION),
           CAST(:heldOut AS BIGINT), CAST(:decision AS TEXT), CAST(:reason AS TEXT)
         FROM retraining_runs WHERE ws = :ws
         RETURNING seq`,
        { ws, ...run },
      );
      return num(one(row).seq);
    },
    async listRetrainingRuns(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<RunRow>(
        `SELECT seq, at, active_version, challenger_version, active_auc, challenger_auc,
           held_out, decision, reason FROM retraining_runs WHERE ws = :ws ORDER BY seq DESC`,
        { ws },
      );
      return rows.map((r) => ({
        seq: num(r.seq),
        at: num(r.at),
        activeVersion: numOrNull(r.active_version),
        challengerVersion: numOrNull(r.challenger_version),
        activeAuc: r.active_auc === null ? null : Number(r.active_auc),
        challengerAuc: r.challenger_auc === null ? null : Number(r.challenger_auc),
        heldOut: num(r.held_out),
        decision: r.decision,
        reason: r.reason,
      }));
    },
  };
}

// SQLite: model versions, the active model, and background jobs.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { Job, JobPatch } from '../records.js';
import { parseObject, type Sql } from './sqlite-db.js';

interface ModelRow {
  version: number;
  spec: string;
  created_at: number;
}

interface JobRow {
  id: string;
  kind: string;
  status: Job['status'];
  progress: number;
  total: number;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  progress: r.progress,
  total: r.total,
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
  status: 'status',
  progress: 'progress',
  total: 'total',
  error: 'error',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
};

type ModelJobMethods = Pick<
  StoreTx,
  | 'addModel'
  | 'getModel'
  | 'listModels'
  | 'activateModel'
  | 'activeModel'
  | 'activeModelVersion'
  | 'createJob'
  | 'updateJob'
  | 'getJob'
  | 'listJobs'
>;

export function modelJobMethods(sql: Sql): ModelJobMethods {
  const getJob = (ws: string, id: string) =>
    sql<JobRow>('SELECT * FROM jobs WHERE workspace_id = @ws AND id = @id').get({ ws, id });

  return {
    async addModel(ws, spec, now) {
      const seq = sql<{ model_seq: number }>(
        'UPDATE workspaces SET model_seq = model_seq + 1 WHERE id = @ws RETURNING model_seq',
      ).get({ ws });
      if (!seq) throw new StoreError('not_found', `workspace ${ws} not found`);
      sql(
        `INSERT INTO models (workspace_id, version, spec, created_at)
         VALUES (@ws, @version, @spec, @now)`,
      ).run({ ws, version: seq.model_seq, spec: JSON.stringify(spec), now });
      return seq.model_seq;
    },
    async getModel(ws, version) {
      const row = sql<ModelRow>(
        'SELECT version, spec, created_at FROM models WHERE workspace_id = @ws AND version = @version',
      ).get({ ws, version });
      return (
        row && { version: row.version, spec: parseObject(row.spec), createdAt: row.created_at }
      );
    },
    async listModels(ws) {
      return sql<ModelRow>(
        'SELECT version, spec, created_at FROM models WHERE workspace_id = @ws ORDER BY version',
      )
        .all({ ws })
        .map((r) => ({ version: r.version, spec: parseObject(r.spec), createdAt: r.created_at }));
    },
    async activateModel(ws, version, now) {
      if (
        !sql('SELECT 1 FROM models WHERE workspace_id = @ws AND version = @version').get({
          ws,
          version,
        })
      ) {
        throw new StoreError('not_found', `model version ${version} not found`);
      }
      sql(
        `INSERT INTO active_models (workspace_id, version, activated_at) VALUES (@ws, @version, @now)
         ON CONFLICT (workspace_id) DO UPDATE SET version = @version, activated_at = @now`,
      ).run({ ws, version, now });
    },
    async activeModel(ws) {
      const row = sql<{ version: number; spec: string; activated_at: number }>(
        `SELECT a.version, m.spec, a.activated_at FROM active_models a
         JOIN models m ON m.workspace_id = a.workspace_id AND m.version = a.version
         WHERE a.workspace_id = @ws`,
      ).get({ ws });
      return (
        row && { version: row.version, spec: parseObject(row.spec), activatedAt: row.activated_at }
      );
    },
    async activeModelVersion(ws) {
      return sql<{ version: number }>(
        'SELECT version FROM active_models WHERE workspace_id = @ws',
      ).get({ ws })?.version;
    },
    async createJob(ws, { kind, total }, now) {
      const row: JobRow = {
        id: randomUUID(),
        kind,
        status: 'queued',
        progress: 0,
        total,
        error: null,
        created_at: now,
        started_at: null,
        finished_at: null,
      };
      sql(
        `INSERT INTO jobs (id, workspace_id, kind, status, progress, total, error, created_at,
           started_at, finished_at)
         VALUES (@id, @ws, @kind, @status, @progress, @total, @error, @created_at, @started_at,
           @finished_at)`,
      ).run({ ...row, ws });
      return toJob(row);
    },
    async updateJob(ws, id, patch) {
      const keys = (Object.keys(PATCH_COLUMNS) as (keyof JobPatch)[]).filter(
        (k) => patch[k] !== undefined,
      );
      if (keys.length > 0) {
        const set = keys.map((k) => `${PATCH_COLUMNS[k]} = @${k}`).join(', ');
        const params: Record<string, string | number | null> = { ws, id };
        for (const k of keys) params[k] = patch[k] ?? null;
        sql(`UPDATE jobs SET ${set} WHERE workspace_id = @ws AND id = @id`).run(params);
      }
      const row = getJob(ws, id);
      if (!row) throw new StoreError('not_found', `job ${id} not found`);
      return toJob(row);
    },
    async getJob(ws, id) {
      const row = getJob(ws, id);
      return row && toJob(row);
    },
    async listJobs(ws, { status }) {
      return sql<JobRow>(
        `SELECT * FROM jobs WHERE workspace_id = @ws
           AND status IN (SELECT value FROM json_each(@status))
         ORDER BY created_at, rowid`,
      )
        .all({ ws, status: JSON.stringify(status) })
        .map(toJob);
    },
  };
}

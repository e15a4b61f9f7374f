// PostgreSQL: model versions, the active model, and background jobs.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { Job, JobPatch, JsonObject } from '../records.js';
import type { Query } from './pg-db.js';
import { one } from './pg-db.js';

interface ModelRow {
  version: number;
  spec: JsonObject;
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

const toModel = (r: ModelRow) => ({ version: r.version, spec: r.spec, createdAt: r.created_at });

const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
  status: 'status',
  progress: 'progress',
  total: 'total',
  error: 'error',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
};

const JOB_COLUMNS = 'id, kind, status, progress, total, error, created_at, started_at, finished_at';

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

export function modelJobMethods(q: Query): ModelJobMethods {
  return {
    async addModel(ws, spec, now) {
      // The row lock on the workspace serialises concurrent uploads until commit.
      const { rows } = await q<{ model_seq: number }>(
        'UPDATE workspaces SET model_seq = model_seq + 1 WHERE id = $1 RETURNING model_seq',
        [ws],
      );
      const version = rows[0]?.model_seq;
      if (version === undefined) throw new StoreError('not_found', `workspace ${ws} not found`);
      await q(
        'INSERT INTO models (workspace_id, version, spec, created_at) VALUES ($1, $2, $3::jsonb, $4)',
        [ws, version, JSON.stringify(spec), now],
      );
      return version;
    },
    async getModel(ws, version) {
      const { rows } = await q<ModelRow>(
        'SELECT version, spec, created_at FROM models WHERE workspace_id = $1 AND version = $2',
        [ws, version],
      );
      return rows[0] && toModel(rows[0]);
    },
    async listModels(ws) {
      const { rows } = await q<ModelRow>(
        'SELECT version, spec, created_at FROM models WHERE workspace_id = $1 ORDER BY version',
        [ws],
      );
      return rows.map(toModel);
    },
    async activateModel(ws, version, now) {
      const { rowCount } = await q(
        `INSERT INTO active_models (workspace_id, version, activated_at)
         SELECT workspace_id, version, $3 FROM models WHERE workspace_id = $1 AND version = $2
         ON CONFLICT (workspace_id)
         DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at`,
        [ws, version, now],
      );
      if (!rowCount) throw new StoreError('not_found', `model version ${version} not found`);
    },
    async activeModel(ws) {
      const { rows } = await q<{ version: number; spec: JsonObject; activated_at: number }>(
        `SELECT a.version, m.spec, a.activated_at FROM active_models a
         JOIN models m ON m.workspace_id = a.workspace_id AND m.version = a.version
         WHERE a.workspace_id = $1`,
        [ws],
      );
      const row = rows[0];
      return row && { version: row.version, spec: row.spec, activatedAt: row.activated_at };
    },
    async activeModelVersion(ws) {
      const { rows } = await q<{ version: number }>(
        'SELECT version FROM active_models WHERE workspace_id = $1',
        [ws],
      );
      return rows[0]?.version;
    },
    async createJob(ws, { kind, total }, now) {
      const result = await q<JobRow>(
        `INSERT INTO jobs (id, workspace_id, kind, status, progress, total, created_at)
         VALUES ($1, $2, $3, 'queued', 0, $4, $5) RETURNING ${JOB_COLUMNS}`,
        [randomUUID(), ws, kind, total, now],
      );
      return toJob(one(result));
    },
    async updateJob(ws, id, patch) {
      const keys = (Object.keys(PATCH_COLUMNS) as (keyof JobPatch)[]).filter(
        (k) => patch[k] !== undefined,
      );
      const set = keys.map((k, i) => `${PATCH_COLUMNS[k]} = $${i + 3}`);
      // With nothing to change, a no-op assignment still answers the row (or none).
      const { rows } = await q<JobRow>(
        `UPDATE jobs SET ${set.length > 0 ? set.join(', ') : 'id = id'}
         WHERE workspace_id = $1 AND id = $2 RETURNING ${JOB_COLUMNS}`,
        [ws, id, ...keys.map((k) => patch[k])],
      );
      if (!rows[0]) throw new StoreError('not_found', `job ${id} not found`);
      return toJob(rows[0]);
    },
    async listJobs(ws, { status }) {
      const { rows } = await q<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM jobs WHERE workspace_id = $1 AND status = ANY($2::text[])
         ORDER BY created_at, id`,
        [ws, [...status]],
      );
      return rows.map(toJob);
    },
    async getJob(ws, id) {
      const { rows } = await q<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM jobs WHERE workspace_id = $1 AND id = $2`,
        [ws, id],
      );
      return rows[0] && toJob(rows[0]);
    },
  };
}

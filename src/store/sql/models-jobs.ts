// Model versions, the active model, and background jobs.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import type { Job, JobPatch } from '../records.js';
import type { SqlDb, SqlParams } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';
import { one } from './sql-db.js';

interface ModelRow {
  version: number;
  spec: unknown;
  created_at: number;
  note: string | null;
  author: string | null;
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

const MODEL_COLUMNS = 'version, spec, created_at, note, author';

const JOB_COLUMNS = 'id, kind, status, progress, total, error, created_at, started_at, finished_at';

/** How an unreadable spec is named in the warning (see ../stored-json.ts). */
const SPEC = 'a stored JSON object';

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

export function modelJobMethods(db: SqlDb, wsKeys: WorkspaceKeys): ModelJobMethods {
  const d = db.dialect;
  const toModel = (r: ModelRow) => ({
    version: r.version,
    spec: d.readObject(r.spec, SPEC),
    createdAt: r.created_at,
    note: r.note ?? null,
    author: r.author ?? null,
  });
  const getJob = (ws: number, id: string) =>
    db.get<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE ws = :ws AND id = :id`, {
      ws,
      id,
    });

  return {
    async addModel(wsId, spec, now, about = {}) {
      const ws = await wsKeys.of(wsId);
      // On PostgreSQL the row lock on the workspace serialises concurrent uploads until commit.
      const seq = await db.get<{ model_seq: number }>(
        'UPDATE workspaces SET model_seq = model_seq + 1 WHERE ws = :ws RETURNING model_seq',
        { ws },
      );
      if (!seq) throw new StoreError('not_found', `workspace ${wsId} not found`);
      await db.run(
        `INSERT INTO models (ws, version, spec, created_at, note, author)
         VALUES (:ws, :version, :spec, :now, :note, :author)`,
        {
          ws,
          version: seq.model_seq,
          spec: JSON.stringify(spec),
          now,
          note: about.note ?? null,
          author: about.author ?? null,
        },
      );
      return seq.model_seq;
    },
    async getModel(wsId, version) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<ModelRow>(
        `SELECT ${MODEL_COLUMNS} FROM models WHERE ws = :ws AND version = :version`,
        { ws, version },
      );
      return row && toModel(row);
    },
    async listModels(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<ModelRow>(
        `SELECT ${MODEL_COLUMNS} FROM models WHERE ws = :ws ORDER BY version`,
        { ws },
      );
      return rows.map(toModel);
    },
    async activateModel(wsId, version, now) {
      const ws = await wsKeys.of(wsId);
      // The WHERE of the SELECT also keeps SQLite from reading ON CONFLICT as a join.
      const changed = await db.run(
        `INSERT INTO active_models (ws, version, activated_at)
         SELECT ws, version, CAST(:now AS BIGINT) FROM models
         WHERE ws = :ws AND version = :version
         ON CONFLICT (ws)
         DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at`,
        { ws, version, now },
      );
      if (changed === 0) throw new StoreError('not_found', `model version ${version} not found`);
      // Activating the same version twice at one instant records it once.
      await db.run(
        `INSERT INTO model_activations (ws, version, at) VALUES (:ws, :version, :now)
         ON CONFLICT (ws, at, version) DO NOTHING`,
        { ws, version, now },
      );
    },
    async activeModel(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ version: number; spec: unknown; activated_at: number }>(
        `SELECT a.version, m.spec, a.activated_at FROM active_models a
         JOIN models m ON m.ws = a.ws AND m.version = a.version
         WHERE a.ws = :ws`,
        { ws },
      );
      return (
        row && {
          version: row.version,
          spec: d.readObject(row.spec, SPEC),
          activatedAt: row.activated_at,
        }
      );
    },
    async activeModelVersion(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ version: number }>(
        'SELECT version FROM active_models WHERE ws = :ws',
        { ws },
      );
      return row?.version;
    },
    async createJob(wsId, { kind, total }, now) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<JobRow>(
        `INSERT INTO jobs (id, ws, kind, status, progress, total, created_at)
         VALUES (:id, :ws, :kind, 'queued', 0, :total, :now) RETURNING ${JOB_COLUMNS}`,
        { id: randomUUID(), ws, kind, total, now },
      );
      return toJob(one(row));
    },
    async updateJob(wsId, id, patch) {
      const ws = await wsKeys.of(wsId);
      const keys = (Object.keys(PATCH_COLUMNS) as (keyof JobPatch)[]).filter(
        (k) => patch[k] !== undefined,
      );
      const params: Record<string, SqlParams[string]> = { ws, id };
      for (const k of keys) params[k] = patch[k] ?? null;
      const row =
        keys.length === 0
          ? await getJob(ws, id)
          : await db.get<JobRow>(
              `UPDATE jobs SET ${keys.map((k) => `${PATCH_COLUMNS[k]} = :${k}`).join(', ')}
               WHERE ws = :ws AND id = :id RETURNING ${JOB_COLUMNS}`,
              params,
            );
      if (!row) throw new StoreError('not_found', `job ${id} not found`);
      return toJob(row);
    },
    async getJob(wsId, id) {
      const ws = await wsKeys.of(wsId);
      const row = await getJob(ws, id);
      return row && toJob(row);
    },
    async listJobs(wsId, { status }) {
      const ws = await wsKeys.of(wsId);
      // Jobs made in the same millisecond come by id, on both databases.
      const rows = await db.all<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM jobs WHERE ws = :ws AND status ${d.inList('status')}
         ORDER BY created_at, id`,
        { ws, status: [...status] },
      );
      return rows.map(toJob);
    },
  };
}

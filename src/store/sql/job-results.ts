// The result documents of finished read-only jobs (SQLite keeps JSON text, PostgreSQL jsonb).
import type { JobResultMethods } from '../job-results-port.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

export function jobResultMethods(db: SqlDb, wsKeys: WorkspaceKeys): JobResultMethods {
  const d = db.dialect;
  return {
    async putJobResult(wsId, jobId, result) {
      const ws = await wsKeys.of(wsId);
      await db.run(
        `INSERT INTO job_results (ws, job_id, result) VALUES (:ws, :jobId, :result)
         ON CONFLICT (ws, job_id) DO UPDATE SET result = excluded.result`,
        { ws, jobId, result: JSON.stringify(result) },
      );
    },
    async getJobResult(wsId, jobId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ result: unknown }>(
        'SELECT result FROM job_results WHERE ws = :ws AND job_id = :jobId',
        { ws, jobId },
      );
      return row && d.readObject(row.result, 'a stored JSON object');
    },
  };
}

// The result documents of finished read-only jobs (SQLite keeps JSON text, PostgreSQL jsonb).
import type { JobResultMethods } from '../job-results-port.js';
import type { SqlDb } from './sql-db.js';

export function jobResultMethods(db: SqlDb): JobResultMethods {
  const d = db.dialect;
  return {
    async putJobResult(ws, jobId, result) {
      await db.run(
        `INSERT INTO job_results (workspace_id, job_id, result) VALUES (:ws, :jobId, :result)
         ON CONFLICT (workspace_id, job_id) DO UPDATE SET result = excluded.result`,
        { ws, jobId, result: JSON.stringify(result) },
      );
    },
    async getJobResult(ws, jobId) {
      const row = await db.get<{ result: unknown }>(
        'SELECT result FROM job_results WHERE workspace_id = :ws AND job_id = :jobId',
        { ws, jobId },
      );
      return row && d.readObject(row.result, 'a stored JSON object');
    },
  };
}

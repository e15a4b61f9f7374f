// PostgreSQL: the result documents of finished read-only jobs.
import type { JobResultMethods } from '../job-results-port.js';
import type { JsonObject } from '../records.js';
import type { Query } from './pg-db.js';

export function jobResultMethods(q: Query): JobResultMethods {
  return {
    async putJobResult(ws, jobId, result) {
      await q(
        `INSERT INTO job_results (workspace_id, job_id, result) VALUES ($1, $2, $3)
         ON CONFLICT (workspace_id, job_id) DO UPDATE SET result = excluded.result`,
        [ws, jobId, JSON.stringify(result)],
      );
    },
    async getJobResult(ws, jobId) {
      const { rows } = await q<{ result: JsonObject }>(
        'SELECT result FROM job_results WHERE workspace_id = $1 AND job_id = $2',
        [ws, jobId],
      );
      return rows[0]?.result;
    },
  };
}

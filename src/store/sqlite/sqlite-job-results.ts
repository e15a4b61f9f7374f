// SQLite: the result documents of finished read-only jobs.
import type { JobResultMethods } from '../job-results-port.js';
import { parseObject, type Sql } from './sqlite-db.js';

export function jobResultMethods(sql: Sql): JobResultMethods {
  return {
    async putJobResult(ws, jobId, result) {
      sql(
        `INSERT INTO job_results (workspace_id, job_id, result) VALUES (@ws, @jobId, @result)
         ON CONFLICT (workspace_id, job_id) DO UPDATE SET result = excluded.result`,
      ).run({ ws, jobId, result: JSON.stringify(result) });
    },
    async getJobResult(ws, jobId) {
      const row = sql<{ result: string }>(
        'SELECT result FROM job_results WHERE workspace_id = @ws AND job_id = @jobId',
      ).get({ ws, jobId });
      return row && parseObject(row.result);
    },
  };
}

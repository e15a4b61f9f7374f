// SQLite: job leases, taken and renewed in one conditional update.
import type { JobLeaseMethods } from '../job-lease-port.js';
import type { Sql } from './sqlite-db.js';

export function jobLeaseMethods(sql: Sql): JobLeaseMethods {
  return {
    async leaseJob(ws, id, owner, until, now, takeOverFrom) {
      return (
        sql(
          `UPDATE jobs SET lease_owner = @owner, lease_until = @until
           WHERE workspace_id = @ws AND id = @id
             AND (lease_owner IS NULL OR lease_owner = @owner OR lease_until < @now
                  OR lease_owner = @takeOverFrom)`,
        ).run({ ws, id, owner, until, now, takeOverFrom: takeOverFrom ?? null }).changes === 1
      );
    },
    async jobLeaseOwner(ws, id) {
      const row = sql<{ lease_owner: string | null }>(
        'SELECT lease_owner FROM jobs WHERE workspace_id = @ws AND id = @id',
      ).get({ ws, id });
      return row?.lease_owner ?? null;
    },
    async releaseJob(ws, id, owner) {
      sql(
        `UPDATE jobs SET lease_owner = NULL, lease_until = NULL
         WHERE workspace_id = @ws AND id = @id AND lease_owner = @owner`,
      ).run({ ws, id, owner });
    },
  };
}

// PostgreSQL: job leases, taken and renewed in one conditional update (the row lock it takes
// decides between two processes trying at once).
import type { JobLeaseMethods } from '../job-lease-port.js';
import type { Query } from './pg-db.js';

export function jobLeaseMethods(q: Query): JobLeaseMethods {
  return {
    async leaseJob(ws, id, owner, until, now, takeOverFrom) {
      const result = await q(
        `UPDATE jobs SET lease_owner = $3, lease_until = $4
         WHERE workspace_id = $1 AND id = $2
           AND (lease_owner IS NULL OR lease_owner = $3 OR lease_until < $5
                OR lease_owner = $6)`,
        [ws, id, owner, until, now, takeOverFrom ?? null],
      );
      return result.rowCount === 1;
    },
    async jobLeaseOwner(ws, id) {
      const { rows } = await q<{ lease_owner: string | null }>(
        'SELECT lease_owner FROM jobs WHERE workspace_id = $1 AND id = $2',
        [ws, id],
      );
      return rows[0]?.lease_owner ?? null;
    },
    async releaseJob(ws, id, owner) {
      await q(
        `UPDATE jobs SET lease_owner = NULL, lease_until = NULL
         WHERE workspace_id = $1 AND id = $2 AND lease_owner = $3`,
        [ws, id, owner],
      );
    },
  };
}

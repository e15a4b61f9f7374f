// Job leases, taken and renewed in one conditional update (on PostgreSQL the row lock it takes
// decides between two processes trying at once).
import type { JobLeaseMethods } from '../job-lease-port.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

export function jobLeaseMethods(db: SqlDb, wsKeys: WorkspaceKeys): JobLeaseMethods {
  return {
    async leaseJob(wsId, id, owner, until, now, takeOverFrom) {
      const ws = await wsKeys.of(wsId);
      const changed = await db.run(
        `UPDATE jobs SET lease_owner = :owner, lease_until = :until
         WHERE ws = :ws AND id = :id
           AND (lease_owner IS NULL OR lease_owner = :owner OR lease_until < :now
                OR lease_owner = :takeOverFrom)`,
        { ws, id, owner, until, now, takeOverFrom: takeOverFrom ?? null },
      );
      return changed === 1;
    },
    async jobLeaseOwner(wsId, id) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ lease_owner: string | null }>(
        'SELECT lease_owner FROM jobs WHERE ws = :ws AND id = :id',
        { ws, id },
      );
      return row?.lease_owner ?? null;
    },
    async releaseJob(wsId, id, owner) {
      const ws = await wsKeys.of(wsId);
      await db.run(
        `UPDATE jobs SET lease_owner = NULL, lease_until = NULL
         WHERE ws = :ws AND id = :id AND lease_owner = :owner`,
        { ws, id, owner },
      );
    },
  };
}

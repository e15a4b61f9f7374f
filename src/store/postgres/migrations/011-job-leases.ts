// PostgreSQL schema, version 11: who runs a background job, and until when (see job-lease-port.ts).
import type { Migration } from '../../migration.js';

export const jobLeases: Migration = {
  id: '011-job-leases',
  sql: `ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until BIGINT;`,
};

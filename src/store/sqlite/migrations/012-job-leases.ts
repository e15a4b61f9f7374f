// SQLite schema, version 12: who runs a background job, and until when (see job-lease-port.ts).
import type { Migration } from '../../migration.js';

export const jobLeases: Migration = {
  id: '012-job-leases',
  sql: `ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until INTEGER;`,
};

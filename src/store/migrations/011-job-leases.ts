// Migration 011: who runs a background job, and until when (see job-lease-port.ts).
import type { Migration } from '../migration.js';

export const jobLeases: Migration = {
  id: '011-job-leases',
  previousIds: { sqlite: '012-job-leases' },
  sql: {
    sqlite: `ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until INTEGER;`,
    postgres: `ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until BIGINT;`,
  },
};

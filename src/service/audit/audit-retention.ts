// Audit retention: entries older than the retention period (LEADSCORE_AUDIT_RETENTION_DAYS,
// default 365) are deleted, once at start and then every hour. Every server sharing a database
// runs it: the deletion is one idempotent statement, so two servers at once only repeat it.
import type { Store } from '../../store/port.js';
import { HourlyTask, type HourlyTaskOptions } from '../hourly-task.js';

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;

/** Deletes every workspace's entries older than `days` before `now`; answers how many. */
export function pruneAudit(store: Store, now: number, days: number): Promise<number> {
  return store.deleteAuditBefore(now - days * DAY_MS);
}

/** The hourly task that prunes audit entries older than `days`. */
export function auditRetention(
  store: Store,
  options: { days: number; clock: () => number } & HourlyTaskOptions,
): HourlyTask {
  return new HourlyTask(() => pruneAudit(store, options.clock(), options.days), options);
}

// A change made outside the HTTP API (the CLI) recorded in the audit trail: the entry is appended
// in the same transaction as the change, so one is never kept without the other.
import type { NewAuditEntry } from '../../store/team-records.js';
import type { TeamStore } from './team-store.js';

/**
 * The store, whose transactions also append `entry` to the workspace's audit trail (after the
 * change, before commit). For a service call that makes its change in one transaction.
 */
export function recordingAudit(store: TeamStore, ws: string, entry: NewAuditEntry): TeamStore {
  const transaction: TeamStore['transaction'] = (fn) =>
    store.transaction(async (tx) => {
      const result = await fn(tx);
      await tx.appendAudit(ws, entry);
      return result;
    });
  return new Proxy(store, {
    get: (target, property, receiver): unknown =>
      property === 'transaction' ? transaction : Reflect.get(target, property, receiver),
  });
}

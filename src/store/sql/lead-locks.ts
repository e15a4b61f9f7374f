// Holding leads for the rest of a transaction, so that two transactions scoring the same lead
// queue instead of overwriting each other (PostgreSQL); where transactions already run one at a
// time (SQLite) there is nothing to take.
import type { StoreTx } from '../port.js';
import type { SqlDb } from './sql-db.js';

export function leadLockMethods(db: SqlDb): Pick<StoreTx, 'lockLeads'> {
  const lock = db.dialect.lockKeys?.('keys');
  return {
    async lockLeads(ws, ids) {
      if (!lock) return;
      // Sorted, so that two transactions wanting the same leads queue instead of deadlocking.
      const keys = [...new Set(ids)].map((id) => `${ws}\u001f${id}`).sort();
      if (keys.length > 0) await db.run(lock, { keys });
    },
  };
}

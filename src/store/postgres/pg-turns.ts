// Round-robin turns on PostgreSQL, taken outside the transaction that hands a lead over: the
// counter row is then locked for one statement instead of until that transaction commits, so
// concurrent ingestion runs (each on leads of its own) never wait on each other for it. As with a
// PostgreSQL sequence, a turn taken by a transaction that then rolls back is skipped. The turns
// have a small pool of their own: a transaction waiting for a turn must not wait for a connection
// that transactions like it hold. Its commits do not wait for the disk (synchronous_commit off),
// so the row is held for microseconds: a crash may lose the last turns, and an owner then gets
// a lead or two more than the others.
import pg from 'pg';
import type { RoutingMethods } from '../routing-port.js';
import { routingMethods } from '../sql/routing.js';
import { PendingWorkspaceKeys, type WorkspaceKeyCache } from '../sql/workspace-keys.js';
import { types } from './pg-db.js';
import { pgSqlDb } from './pg-sql-db.js';

type Turns = Pick<RoutingMethods, 'nextRoundRobin' | 'nextRoundRobins'>;

export function openTurns(
  connectionString: string,
  workspaceKeys: WorkspaceKeyCache,
): { methods: Turns; close(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString,
    max: 2,
    types,
    options: '-c synchronous_commit=off',
  });
  // As the store's own pool: a connection the server ends is dropped, not a crash.
  pool.on('error', () => {});
  const onOwnConnection = async <T>(fn: (methods: Turns) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      // Each statement commits on its own: what it learns of workspace keys is committed.
      const db = pgSqlDb(client);
      const keys = new PendingWorkspaceKeys(workspaceKeys);
      const result = await fn(routingMethods(db, keys.on(db)));
      keys.publish();
      return result;
    } finally {
      client.release();
    }
  };
  return {
    methods: {
      nextRoundRobin: (ws, key, size) => onOwnConnection((m) => m.nextRoundRobin(ws, key, size)),
      nextRoundRobins: (ws, key, size, count) =>
        onOwnConnection((m) => m.nextRoundRobins(ws, key, size, count)),
    },
    close: () => pool.end(),
  };
}

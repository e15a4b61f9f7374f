// The PostgreSQL store: a pool, and a dedicated client for each transaction.
import pg from 'pg';
import type { Store } from '../port.js';
import { refuseNested, transactionPerCall } from '../store-methods.js';
import { migrations } from '../migrations/index.js';
import { types } from './pg-db.js';
import { migratePostgres } from './pg-migrate.js';
import { startStatisticsKeeper, type StatisticsMode } from './pg-statistics.js';
import { pgSqlDb } from './pg-sql-db.js';
import { openTurns } from './pg-turns.js';
import { sqlTxMethods } from '../sql/tx-methods.js';
import { PendingWorkspaceKeys, WorkspaceKeyCache } from '../sql/workspace-keys.js';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  connectionString: string;
  /** Most connections at once (default 10). */
  maxConnections?: number;
  /**
   * Keeping the tables' planner statistics fresh (src/store/postgres/pg-statistics.ts): `auto`
   * (the default) does it only when the server's autovacuum is off.
   */
  statistics?: StatisticsMode;
  /** How often the statistics keeper checks the tables (default 60 s). */
  statisticsEveryMs?: number;
}

/** Deadlocks and serialisation failures: the whole transaction may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

export function openPostgresStore(options: PostgresStoreOptions): Store {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
  });
  // An idle connection that the server ends (a restart, a DROP DATABASE ... WITH (FORCE)) is an
  // 'error' on the pool: the pool drops that client and makes a new one when next needed. Without
  // a listener Node would crash the process; requests in flight get their own errors anyway.
  pool.on('error', () => {});
  const statistics = startStatisticsKeeper(pool, {
    mode: options.statistics ?? 'auto',
    everyMs: options.statisticsEveryMs ?? 60_000,
  });

  const transaction: Store['transaction'] = refuseNested(async (fn) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(fn);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      }
    }
  });

  const workspaceKeys = new WorkspaceKeyCache();
  const turns = openTurns(options.connectionString, workspaceKeys);
  const once: Store['transaction'] = async (fn) => {
    const client = await pool.connect();
    let reusable = true;
    try {
      await client.query('BEGIN');
      const sqlDb = pgSqlDb(client);
      const keys = new PendingWorkspaceKeys(workspaceKeys);
      const result = await fn(Object.assign(sqlTxMethods(sqlDb, keys.on(sqlDb)), turns.methods));
      await client.query('COMMIT');
      keys.publish();
      return result;
    } catch (error) {
      // A client that cannot even roll back may hold a half-open transaction: discard it.
      await client.query('ROLLBACK').catch(() => {
        reusable = false;
      });
      throw error;
    } finally {
      client.release(!reusable);
    }
  };

  const migrate = async () => {
    const client = await pool.connect();
    try {
      return await migratePostgres(client, migrations, Date.now());
    } finally {
      client.release();
    }
  };

  return {
    ...transactionPerCall(transaction),
    kind: 'postgres',
    transaction,
    migrate,
    analyze: async () => {
      await pool.query('ANALYZE');
    },
    close: async () => {
      await statistics.stop();
      await pool.end();
      await turns.close();
    },
  };
}

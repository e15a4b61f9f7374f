// The store the configuration names: PostgreSQL with DATABASE_URL, else the SQLite file.
import type { Config } from '../config.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/port.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

export function openConfiguredStore(config: Config, sqliteFile: string): Store {
  return config.DATABASE_URL
    ? openPostgresStore({ connectionString: config.DATABASE_URL })
    : // Commits stay short: the WAL is copied back into the database by a background thread.
      openSqliteStore({
        file: sqliteFile,
        backgroundCheckpointMs: 1000,
        synchronous: config.LEADSCORE_SQLITE_SYNC ?? 'full',
      });
}

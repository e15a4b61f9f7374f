// PostgreSQL: applies pending migrations, each in its own transaction with its record.
import type pg from 'pg';
import type { Migration } from '../migration.js';

/** Any fixed number: the advisory lock that keeps two starting servers from migrating at once. */
const MIGRATION_LOCK = 7_431_001;

export async function migratePostgres(
  client: pg.ClientBase,
  migrations: readonly Migration[],
  now: number,
): Promise<string[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const done = await client.query<{ id: string }>('SELECT id FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.id));
    const pending = migrations.filter((m) => !applied.has(m.id));
    for (const migration of pending) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [
          migration.id,
          now,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return pending.map((m) => m.id);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

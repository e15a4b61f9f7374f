// PostgreSQL: applies pending migrations, each in its own transaction with its record.
import type pg from 'pg';
import { migrationStep, type Migration } from '../migration.js';

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
    const recorded = new Set(done.rows.map((r) => r.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      const step = migrationStep(migration, 'postgres', recorded);
      if (step.kind === 'done') continue;
      await client.query('BEGIN');
      try {
        if (step.kind === 'record') {
          await client.query(
            'INSERT INTO schema_migrations (id, applied_at) SELECT $1, applied_at FROM schema_migrations WHERE id = $2',
            [migration.id, step.previousId],
          );
        } else {
          await client.query(step.sql);
          await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [
            migration.id,
            now,
          ]);
          applied.push(migration.id);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

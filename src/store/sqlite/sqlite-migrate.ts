// SQLite: applies pending migrations, each in its own transaction with its record.
import type { Migration } from '../migration.js';
import type { Db } from './sqlite-db.js';

export function migrateSqlite(db: Db, migrations: readonly Migration[], now: number): string[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before the check, so two processes cannot both apply it.
    db.exec('BEGIN IMMEDIATE');
    try {
      const done = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').get(migration.id);
      if (!done) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(
          migration.id,
          now,
        );
        applied.push(migration.id);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
  return applied;
}

// SQLite: applies pending migrations, each in its own transaction with its record.
import { migrationStep, type Migration } from '../migration.js';
import type { Db } from './sqlite-db.js';

export function migrateSqlite(db: Db, migrations: readonly Migration[], now: number): string[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const recordedIds = db.prepare<[], string>('SELECT id FROM schema_migrations').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const recordAs = db.prepare(
    'INSERT INTO schema_migrations (id, applied_at) SELECT ?, applied_at FROM schema_migrations WHERE id = ?',
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before the check, so two processes cannot both apply it.
    db.exec('BEGIN IMMEDIATE');
    try {
      const step = migrationStep(migration, 'sqlite', new Set(recordedIds.all()));
      if (step.kind === 'record') recordAs.run(migration.id, step.previousId);
      if (step.kind === 'apply') {
        db.exec(step.sql);
        record.run(migration.id, now);
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

// SQLite: applies pending migrations, each in its own transaction with its record. Foreign keys
// are off while a migration runs and checked before it commits, as SQLite's documented table
// rebuild asks (https://www.sqlite.org/lang_altertable.html#otheralter): with them on, dropping
// a table a rebuild replaces would cascade its deletes into the tables that refer to it.
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
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  const applied: string[] = [];
  for (const migration of migrations) {
    // Outside any transaction: inside one the pragma does nothing.
    if (foreignKeys) db.pragma('foreign_keys = OFF');
    // IMMEDIATE takes the write lock before the check, so two processes cannot both apply it.
    db.exec('BEGIN IMMEDIATE');
    try {
      const step = migrationStep(migration, 'sqlite', new Set(recordedIds.all()));
      if (step.kind === 'record') recordAs.run(migration.id, step.previousId);
      if (step.kind === 'apply') {
        db.exec(step.sql);
        if (foreignKeys) refuseBrokenKeys(db, migration.id);
        record.run(migration.id, now);
        applied.push(migration.id);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      if (foreignKeys) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}

function refuseBrokenKeys(db: Db, id: string): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length === 0) return;
  const first = broken[0]!;
  throw new Error(
    `migration ${id}: ${broken.length} rows break foreign keys (first: ${first.table} -> ${first.parent})`,
  );
}

// A versioned schema migration: one id for both dialects ("NNN-name", sorting in apply order),
// the SQL each dialect runs, and the ids it was recorded under before the two lists were merged.
export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  id: string;
  /**
   * What each dialect runs, as it always has: a migration one dialect does not need carries a
   * comment saying why, so the other is recorded under the same id and the lists stay one.
   */
  sql: Readonly<Record<Dialect, string>>;
  /**
   * The id a dialect's own list gave this migration, where it differs: databases migrated by
   * releases before the merge (schema_migrations) name it so.
   */
  previousIds?: Readonly<Partial<Record<Dialect, string>>>;
}

/** What a runner does with one migration, given the ids its database has recorded. */
export type MigrationStep =
  | { kind: 'done' }
  /**
   * Applied under its previous id: record its id too (with the time it was applied) and run
   * nothing. The previous row stays, so a release from before the merge started again on the
   * database (a rollback) finds every id it knows and applies nothing twice.
   */
  | { kind: 'record'; previousId: string }
  | { kind: 'apply'; sql: string };

export function migrationStep(
  migration: Migration,
  dialect: Dialect,
  recorded: ReadonlySet<string>,
): MigrationStep {
  if (recorded.has(migration.id)) return { kind: 'done' };
  const previousId = migration.previousIds?.[dialect];
  if (previousId !== undefined && recorded.has(previousId)) return { kind: 'record', previousId };
  return { kind: 'apply', sql: migration.sql[dialect] };
}

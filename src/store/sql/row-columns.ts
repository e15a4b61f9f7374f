// Bulk-insert columns (InsertMany.columns) that read each row's field of the same name: a table's
// snake_case row type and the PostgreSQL type of each column, written once.
import type { Column, ColumnType } from './sql-db.js';

export function rowColumns<R>(types: {
  readonly [K in keyof R & string]?: ColumnType;
}): Column<R>[] {
  return Object.entries(types).map(([name, type]) => ({
    name,
    type: type as ColumnType,
    value: (row: R) => row[name as keyof R],
  }));
}

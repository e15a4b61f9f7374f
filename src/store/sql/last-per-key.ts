// The rows of one multi-row upsert: one statement cannot write a row twice (PostgreSQL refuses
// it), so each key keeps its last row, in the place of the key's first row.
export function lastPerKey<R>(rows: readonly R[], key: (row: R) => string): readonly R[] {
  return rows.length > 1 ? [...new Map(rows.map((r) => [key(r), r])).values()] : rows;
}

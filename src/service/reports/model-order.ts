// Orders report rows the way the active model lists its segments and grades (best first), with
// names the model does not know (scores of an older model) after them, and the model's own names
// present even when no lead has them.
import type { Model } from '../../core/model-schema.js';

/**
 * The rows for `names` (the model's, in its order) followed by the other rows in their order;
 * a name without a row gets `empty(name)`.
 */
export function inModelOrder<Row, Name extends string | null>(
  rows: readonly Row[],
  nameOf: (row: Row) => Name,
  names: readonly Name[],
  empty: (name: Name) => Row,
): Row[] {
  const known = new Set<Name>(names);
  const byName = new Map(rows.map((row) => [nameOf(row), row]));
  return [
    ...names.map((name) => byName.get(name) ?? empty(name)),
    ...rows.filter((row) => !known.has(nameOf(row))),
  ];
}

export const segmentIds = (model: Model | undefined): string[] =>
  model?.segments.map((s) => s.id) ?? [];

export const gradeNames = (model: Model | undefined): string[] =>
  model?.fit.grades?.map((g) => g.grade) ?? [];

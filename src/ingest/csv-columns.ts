// Finds the columns a CSV file must have in its header: by exact name, else in any case when
// only one column matches (`ID` is `id`); a near name (`Lead ID`) is suggested, never guessed.

export type ColumnMatch = { ok: true; columns: string[] } | { ok: false; problems: string[] };

/** Lower case without separators: `Lead ID`, `lead-id` and `leadId` are all `leadid`. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, '');
}

/** A column near a required name: the same once squashed, or holding it as a word (`Lead ID`). */
function isNear(column: string, name: string): boolean {
  const words = column
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.-]+/);
  return squash(column) === squash(name) || words.includes(squash(name));
}

const quote = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * The header with each required column under its required name, or what is missing: a column
 * whose name differs only in case is taken when it is the only one; otherwise nothing is
 * renamed and each problem says which columns came close.
 */
export function matchColumns(header: readonly string[], required: readonly string[]): ColumnMatch {
  const columns = [...header];
  const problems: string[] = [];
  for (const name of required) {
    if (columns.includes(name)) continue;
    const anyCase = columns.filter((c) => c.toLowerCase() === name.toLowerCase());
    if (anyCase.length === 1) {
      columns[columns.indexOf(anyCase[0]!)] = name;
      continue;
    }
    if (anyCase.length > 1) {
      problems.push(`column "${name}" is ambiguous: ${quote(anyCase)} all match it; rename one`);
      continue;
    }
    const near = columns.filter((c) => isNear(c, name));
    problems.push(
      `missing column "${name}"${near.length > 0 ? ` (did you mean ${quote(near)}?)` : ''}`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns };
}

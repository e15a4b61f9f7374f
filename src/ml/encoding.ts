// Feature encoding: decides per column numeric or categorical, and turns raw strings into codes.
import { decideColumn, MAX_LEVELS } from './column-kind.js';
import {
  MISSING,
  OTHER,
  type CategoricalColumn,
  type EncodedColumn,
  type Encoding,
} from './encoding-schema.js';
import { MISSING_VALUES, missingTest } from './missing-values.js';

export { MAX_LEVELS };

/**
 * A dataset as the models see it: one array per encoded column, numeric values (NaN when
 * missing) or categorical level codes.
 */
export type Matrix = Float64Array[];

/**
 * Learns the encoding from training values (`values[c][i]` is column c of row i): blanks and
 * MISSING_VALUES are missing; see decideColumn for the kinds. Columns left out (identifiers)
 * are named in `skipped`; `warnings` say what a user may want to fix in the data.
 */
export function fitEncoding(
  names: string[],
  values: string[][],
): { encoding: Encoding; skipped: string[]; warnings: string[] } {
  const columns: EncodedColumn[] = [];
  const skipped: string[] = [];
  const warnings: string[] = [];
  const isMissing = missingTest(MISSING_VALUES);
  for (const [c, name] of names.entries()) {
    const decided = decideColumn(name, values[c] ?? [], isMissing);
    if (decided.warning !== undefined) warnings.push(decided.warning);
    if (decided.kind === 'left-out') {
      skipped.push(name);
    } else if (decided.kind === 'numeric') {
      columns.push({ name, type: 'numeric', mean: decided.mean, missing: decided.missing });
    } else {
      const levels = [...decided.counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_LEVELS)
        .map(([level]) => level);
      columns.push({ name, type: 'categorical', levels: [...levels, MISSING, OTHER] });
    }
  }
  return { encoding: { columns, missingValues: MISSING_VALUES }, skipped, warnings };
}

function levelCode(
  column: CategoricalColumn,
  lookup: Map<string, number>,
  isMissing: (value: string) => boolean,
  value: string,
): number {
  const code = lookup.get(value);
  if (code !== undefined) return code;
  if (isMissing(value)) return column.levels.length - 2;
  return lookup.get(value.trim()) ?? column.levels.length - 1;
}

/**
 * Encodes rows given as string arrays whose fields are found at `positions[c]` for encoded
 * column c. Missing is what the encoding says (only blank in artifacts made before it said).
 */
export function encodeRows(encoding: Encoding, rows: string[][], positions: number[]): Matrix {
  const isMissing = missingTest(encoding.missingValues);
  return encoding.columns.map((column, c) => {
    const out = new Float64Array(rows.length);
    const at = positions[c] ?? -1;
    if (column.type === 'numeric') {
      for (const [i, row] of rows.entries()) {
        const v = row[at] ?? '';
        // Number() would read a blank as 0; every other missing value reads as NaN anyway.
        out[i] = isMissing(v) ? NaN : Number(v);
      }
      return out;
    }
    const lookup = new Map(column.levels.slice(0, -2).map((level, k) => [level, k]));
    for (const [i, row] of rows.entries()) {
      out[i] = levelCode(column, lookup, isMissing, row[at] ?? '');
    }
    return out;
  });
}

/** The raw value of row i, column c, as a factor label shows it (`job=retired`). */
export function describeValue(column: EncodedColumn, value: number): string {
  if (column.type === 'categorical') return `${column.name}=${column.levels[value] ?? OTHER}`;
  return `${column.name}=${Number.isNaN(value) ? MISSING : String(value)}`;
}

/** Rows `indexes` of a matrix. */
export function selectRows(matrix: Matrix, indexes: ArrayLike<number>): Matrix {
  return matrix.map((column) => {
    const out = new Float64Array(indexes.length);
    for (let k = 0; k < indexes.length; k++) out[k] = column[indexes[k] as number] as number;
    return out;
  });
}

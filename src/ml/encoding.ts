// Feature encoding: decides per column numeric or categorical, and turns raw strings into codes.
import {
  MISSING,
  OTHER,
  type CategoricalColumn,
  type EncodedColumn,
  type Encoding,
} from './encoding-schema.js';

/** Most frequent levels kept per categorical column; the rest count as OTHER. */
export const MAX_LEVELS = 64;

/**
 * A dataset as the models see it: one array per encoded column, numeric values (NaN when
 * missing) or categorical level codes.
 */
export type Matrix = Float64Array[];

export function isMissing(value: string): boolean {
  return value.trim() === '';
}

function parseNumber(value: string): number {
  // Number() ignores surrounding blanks but reads a blank string as 0.
  const x = Number(value);
  return x === 0 && value.trim() === '' ? NaN : x;
}

/**
 * Learns the encoding from training values (`values[c][i]` is column c of row i). A column is
 * numeric when every present value is a finite number; a categorical column whose values are
 * nearly all distinct (an identifier) is left out and reported in `skipped`.
 */
export function fitEncoding(
  names: string[],
  values: string[][],
): { encoding: Encoding; skipped: string[] } {
  const columns: EncodedColumn[] = [];
  const skipped: string[] = [];
  for (const [c, name] of names.entries()) {
    const column = values[c] ?? [];
    let present = 0;
    let sum = 0;
    let numeric = true;
    for (const v of column) {
      const x = parseNumber(v);
      if (Number.isNaN(x) && isMissing(v)) continue;
      present++;
      sum += x;
      if (!Number.isFinite(x)) {
        numeric = false;
        break;
      }
    }
    if (numeric && present > 0) {
      columns.push({
        name,
        type: 'numeric',
        mean: sum / present,
        missing: present < column.length,
      });
      continue;
    }
    const counts = new Map<string, number>();
    for (const raw of column) {
      const v = raw.trim();
      if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    if (counts.size > Math.max(MAX_LEVELS, column.length / 2)) {
      skipped.push(name);
      continue;
    }
    const levels = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_LEVELS)
      .map(([level]) => level);
    columns.push({ name, type: 'categorical', levels: [...levels, MISSING, OTHER] });
  }
  return { encoding: { columns }, skipped };
}

function levelCode(column: CategoricalColumn, lookup: Map<string, number>, value: string): number {
  const code = lookup.get(value);
  if (code !== undefined) return code;
  if (isMissing(value)) return column.levels.length - 2;
  return lookup.get(value.trim()) ?? column.levels.length - 1;
}

/**
 * Encodes rows given as string arrays whose fields are found at `positions[c]` for encoded
 * column c.
 */
export function encodeRows(encoding: Encoding, rows: string[][], positions: number[]): Matrix {
  return encoding.columns.map((column, c) => {
    const out = new Float64Array(rows.length);
    const at = positions[c] ?? -1;
    if (column.type === 'numeric') {
      for (const [i, row] of rows.entries()) out[i] = parseNumber(row[at] ?? '');
      return out;
    }
    const lookup = new Map(column.levels.slice(0, -2).map((level, k) => [level, k]));
    for (const [i, row] of rows.entries()) out[i] = levelCode(column, lookup, row[at] ?? '');
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

// The linear model's features: numeric values (mean for missing) with a missing indicator, and
// one-hot levels; kept sparse (per row, the indexes and values of the non-zero features).
import { MISSING } from './encoding-schema.js';
import type { Encoding } from './encoding-schema.js';
import type { Matrix } from './encoding.js';

export interface DesignMatrix {
  rows: number;
  features: number;
  /** Row i's non-zero features are index[start[i]..start[i+1]) with values value[...]. */
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
  /** The encoded column each feature comes from. */
  source: Int32Array;
  /** 1 where a feature is a 0/1 indicator (a one-hot level or a missing flag), 0 if numeric. */
  indicator: Uint8Array;
}

export function featureNames(encoding: Encoding): string[] {
  const names: string[] = [];
  for (const column of encoding.columns) {
    if (column.type === 'numeric') {
      names.push(column.name);
      if (column.missing) names.push(`${column.name}=${MISSING}`);
    } else {
      for (const level of column.levels) names.push(`${column.name}=${level}`);
    }
  }
  return names;
}

export function buildDesign(encoding: Encoding, matrix: Matrix): DesignMatrix {
  const n = matrix[0]?.length ?? 0;
  const offsets: number[] = [];
  const source: number[] = [];
  const indicator: number[] = [];
  for (const [c, column] of encoding.columns.entries()) {
    offsets.push(source.length);
    const width = column.type === 'numeric' ? (column.missing ? 2 : 1) : column.levels.length;
    for (let k = 0; k < width; k++) {
      source.push(c);
      indicator.push(column.type === 'categorical' || k > 0 ? 1 : 0);
    }
  }
  const perRow = encoding.columns.reduce(
    (sum, column) => sum + (column.type === 'numeric' && column.missing ? 2 : 1),
    0,
  );
  const start = new Int32Array(n + 1);
  const index = new Int32Array(n * perRow);
  const value = new Float64Array(n * perRow);
  let at = 0;
  for (let i = 0; i < n; i++) {
    start[i] = at;
    for (const [c, column] of encoding.columns.entries()) {
      const x = (matrix[c] as Float64Array)[i] as number;
      const offset = offsets[c] as number;
      if (column.type === 'categorical') {
        index[at] = offset + x;
        value[at++] = 1;
      } else if (Number.isNaN(x)) {
        index[at] = offset;
        value[at++] = column.mean;
        if (column.missing) {
          index[at] = offset + 1;
          value[at++] = 1;
        }
      } else if (x !== 0) {
        index[at] = offset;
        value[at++] = x;
      }
    }
  }
  start[n] = at;
  return {
    rows: n,
    features: source.length,
    start,
    index,
    value,
    source: Int32Array.from(source),
    indicator: Uint8Array.from(indicator),
  };
}

// Exact duplicate rows (the same encoded values and the same label) collapsed into one row with
// a weight: a tree's gradients, hessians and leaf counts are sums over rows, so a row of weight w
// adds exactly what w copies add, and each histogram pass reads each distinct row once. It also
// keeps copies of one row on one side of the early-stopping split: otherwise copies in the
// validation part are rows the trees were fitted on, and early stopping never stops.
import type { Matrix } from './encoding.js';

export interface Collapsed {
  matrix: Matrix;
  labels: Uint8Array;
  /** How many rows each distinct row stands for. */
  weights: Float64Array;
}

export function collapseDuplicates(matrix: Matrix, labels: Uint8Array): Collapsed {
  const n = labels.length;
  const first = new Map<string, number>();
  const keep: number[] = [];
  const weights: number[] = [];
  const cells = new Float64Array(matrix.length + 1);
  const bytes = new Uint8Array(cells.buffer);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < matrix.length; c++) cells[c] = matrix[c]![i]!;
    cells[matrix.length] = labels[i]!;
    // The row's bytes as the key: NaN (missing) equals NaN here, as it must.
    const key = Buffer.from(bytes).toString('latin1');
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, keep.length);
      keep.push(i);
      weights.push(1);
    } else weights[seen]! += 1;
  }
  if (keep.length === n) return { matrix, labels, weights: new Float64Array(n).fill(1) };
  return {
    matrix: matrix.map((column) => Float64Array.from(keep, (i) => column[i]!)),
    labels: Uint8Array.from(keep, (i) => labels[i]!),
    weights: Float64Array.from(weights),
  };
}

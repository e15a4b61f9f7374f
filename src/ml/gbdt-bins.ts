// Bins each encoded column into at most 255 histogram bins: numeric values by quantile edges
// (bin 0 holds missing values), categorical columns by level code.
import type { Encoding } from './encoding-schema.js';
import type { Matrix } from './encoding.js';

export const MAX_BINS = 255;

export interface Binned {
  /** Per column, each row's bin. */
  bins: Uint8Array[];
  /** The same bins row by row (row i's columns at i * columns), for fast histograms. */
  rowMajor: Uint8Array;
  /** Per column, the number of bins in use. */
  sizes: number[];
  /** Per numeric column, the upper edges: bin b >= 1 holds edges[b-2] < x <= edges[b-1]. */
  edges: (Float64Array | undefined)[];
}

/**
 * Edges at the quantiles of the present values, each value counted `weights[i]` times (the rows
 * it stands for): with every weight 1 the q-th edge is the value at index floor(q * n / 254).
 */
function quantileEdges(values: Float64Array, weights: Float64Array): Float64Array {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) order.push(i);
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  const present = Float64Array.from(order, (i) => values[i]!);
  const distinct: number[] = [];
  for (const v of present) if (distinct[distinct.length - 1] !== v) distinct.push(v);
  const edges: number[] = [];
  if (distinct.length <= MAX_BINS - 1) {
    for (let k = 1; k < distinct.length; k++) edges.push((distinct[k - 1]! + distinct[k]!) / 2);
    return Float64Array.from(edges);
  }
  let total = 0;
  for (const i of order) total += weights[i]!;
  let k = 0;
  let through = weights[order[0]!]!;
  for (let q = 1; q < MAX_BINS - 1; q++) {
    // The first value whose running weight passes q / 254 of the total.
    const at = Math.floor((q * total) / (MAX_BINS - 1));
    while (through <= at && k < order.length - 1) through += weights[order[++k]!]!;
    const edge = present[k]!;
    if (edge !== edges[edges.length - 1] && edge < distinct[distinct.length - 1]!) edges.push(edge);
  }
  return Float64Array.from(edges);
}

/** Bin of a numeric value: 0 when missing, else 1 + the number of edges below it. */
function binOf(edges: Float64Array, x: number): number {
  if (Number.isNaN(x)) return 0;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** `weights`: how many rows each row stands for (all 1 when absent). */
export function binMatrix(encoding: Encoding, matrix: Matrix, weights?: Float64Array): Binned {
  const w = weights ?? new Float64Array(matrix[0]?.length ?? 0).fill(1);
  const binned: Binned = { bins: [], sizes: [], edges: [], rowMajor: new Uint8Array(0) };
  for (const [c, column] of encoding.columns.entries()) {
    const values = matrix[c]!;
    if (column.type === 'categorical') {
      binned.bins.push(Uint8Array.from(values));
      binned.sizes.push(column.levels.length);
      binned.edges.push(undefined);
      continue;
    }
    const edges = quantileEdges(values, w);
    binned.bins.push(Uint8Array.from(values, (x) => binOf(edges, x)));
    binned.sizes.push(edges.length + 2);
    binned.edges.push(edges);
  }
  const width = binned.bins.length;
  const n = matrix[0]?.length ?? 0;
  binned.rowMajor = new Uint8Array(n * width);
  for (const [c, bins] of binned.bins.entries()) {
    for (let i = 0; i < n; i++) binned.rowMajor[i * width + c] = bins[i]!;
  }
  return binned;
}

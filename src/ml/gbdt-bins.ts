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

function quantileEdges(values: Float64Array): Float64Array {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const distinct: number[] = [];
  for (const v of present) if (distinct[distinct.length - 1] !== v) distinct.push(v);
  const edges: number[] = [];
  if (distinct.length <= MAX_BINS - 1) {
    for (let k = 1; k < distinct.length; k++) edges.push((distinct[k - 1]! + distinct[k]!) / 2);
    return Float64Array.from(edges);
  }
  for (let q = 1; q < MAX_BINS - 1; q++) {
    const edge = present[Math.floor((q * present.length) / (MAX_BINS - 1))]!;
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

export function binMatrix(encoding: Encoding, matrix: Matrix): Binned {
  const binned: Binned = { bins: [], sizes: [], edges: [], rowMajor: new Uint8Array(0) };
  for (const [c, column] of encoding.columns.entries()) {
    const values = matrix[c]!;
    if (column.type === 'categorical') {
      binned.bins.push(Uint8Array.from(values));
      binned.sizes.push(column.levels.length);
      binned.edges.push(undefined);
      continue;
    }
    const edges = quantileEdges(values);
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

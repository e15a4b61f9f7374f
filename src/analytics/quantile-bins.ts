// Quantile bins of a numeric attribute: ranges of about equal size that never split equal values.

export interface NumericRange {
  /** Smallest and largest value that fell in the bin. */
  min: number;
  max: number;
}

export interface Binned {
  /** The bin of each value, in input order; -1 for a missing value (NaN). */
  bin: Int32Array;
  ranges: NumericRange[];
}

/**
 * Upper edges (inclusive) of `bins` quantile bins over the sorted present values: the value at
 * sorted position ceil(k n / bins) - 1 for k = 1 .. bins-1. Edges are values, and a bin takes
 * every value <= its edge, so equal values always share a bin; an edge repeated because of ties
 * is dropped, which gives fewer, larger bins rather than empty ones.
 */
export function quantileEdges(sorted: readonly number[], bins: number): number[] {
  const n = sorted.length;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.ceil((k * n) / bins) - 1];
    if (edge === undefined || edge === sorted[n - 1]) continue;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

/** The first edge >= x (its index), or edges.length when x is above every edge. */
function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Cuts values (NaN = missing) into at most `bins` quantile bins. */
export function quantileBins(values: ArrayLike<number>, bins: number): Binned {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present.push(values[i]!);
  present.sort((a, b) => a - b);
  const edges = quantileEdges(present, bins);
  const ranges: NumericRange[] = Array.from(
    { length: present.length > 0 ? edges.length + 1 : 0 },
    () => ({
      min: Infinity,
      max: -Infinity,
    }),
  );
  const bin = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) {
      bin[i] = -1;
      continue;
    }
    const b = binOf(edges, x);
    bin[i] = b;
    const range = ranges[b]!;
    if (x < range.min) range.min = x;
    if (x > range.max) range.max = x;
  }
  return { bin, ranges };
}

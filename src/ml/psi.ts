// The population stability index (PSI) between a distribution seen at training time and one seen
// now: bins from the training-time deciles (or a categorical column's levels), each bin's share
// then and now, and PSI = sum over bins of (now - then) * ln(now / then), where an empty bin's
// share counts as EPSILON so that the logarithm stays finite.
import { z } from 'zod';

/** Stands in for the share of an empty bin (then or now) in the PSI sum. */
export const PSI_EPSILON = 1e-4;
/** Above this, the distribution has moved enough to question the model (the usual rule). */
export const PSI_WARNING = 0.2;

/**
 * Numeric bins: value <= edges[0] is bin 0, edges[k-1] < value <= edges[k] bin k, and above the
 * last edge the last numeric bin; a missing value (NaN) has the extra bin at the end.
 * Categorical bins: one per level code (0 .. levels-1), the codes encodeRows gives.
 */
export const binningSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('numeric'), edges: z.array(z.number()) }),
  z.strictObject({ type: z.literal('categorical'), levels: z.number().int().min(1) }),
]);
export type Binning = z.infer<typeof binningSchema>;

/** The nine inner decile edges of the values that are not NaN (ties merged): ten bins at most. */
export function decileEdges(values: ArrayLike<number>): number[] {
  const sorted = Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let k = 1; k < 10; k++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / 10))]!;
    // A decile equal to the largest value would leave an always-empty bin above it.
    if (edge < sorted[sorted.length - 1]! && edges[edges.length - 1] !== edge) edges.push(edge);
  }
  return edges;
}

export function binCount(binning: Binning): number {
  return binning.type === 'numeric' ? binning.edges.length + 2 : binning.levels;
}

export function binOf(binning: Binning, value: number): number {
  if (binning.type === 'categorical') return Math.min(Math.max(0, value), binning.levels - 1);
  if (Number.isNaN(value)) return binning.edges.length + 1;
  let lo = 0;
  let hi = binning.edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= binning.edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Each bin's share of `values` (all zero when there are none). */
export function binShares(binning: Binning, values: ArrayLike<number>): number[] {
  const counts = new Array<number>(binCount(binning)).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(binning, values[i]!)]! += 1;
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}

/** PSI of `now` against `then`, two share vectors over the same bins. */
export function psi(then: readonly number[], now: readonly number[]): number {
  if (then.length !== now.length) {
    throw new Error(`psi: ${then.length} bins at training time but ${now.length} now`);
  }
  let sum = 0;
  for (let k = 0; k < then.length; k++) {
    const e = Math.max(then[k]!, PSI_EPSILON);
    const a = Math.max(now[k]!, PSI_EPSILON);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

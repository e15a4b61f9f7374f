// Gradient/hessian histograms of a tree node, and the best split they allow.
import type { Binned } from './gbdt-bins.js';

export interface SplitOptions {
  /** L2 penalty on leaf values. */
  l2: number;
  minSamplesLeaf: number;
  minHessianLeaf: number;
}

/**
 * Per bin: sum of gradients, sum of hessians, count — the rows' weights summed (3 slots per bin,
 * columns one after another).
 */
export type Histogram = Float64Array;

export interface Split {
  gain: number;
  column: number;
  /** Numeric: rows with bin <= bin go left. */
  bin: number;
  /** Categorical: the level codes that go left. */
  categories: number[] | undefined;
}

export function histogramOffsets(binned: Binned): Int32Array {
  const offsets = new Int32Array(binned.sizes.length + 1);
  for (const [c, size] of binned.sizes.entries()) offsets[c + 1] = offsets[c]! + size;
  return offsets;
}

/**
 * Fills `histogram` (of histogramSize length) from rows[start..end); `gh` holds each row's
 * gradient and hessian side by side (2i, 2i + 1), already times its weight.
 */
export function buildHistogram(
  histogram: Histogram,
  binned: Binned,
  offsets: Int32Array,
  gh: Float64Array,
  weights: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
): Histogram {
  const width = binned.bins.length;
  histogram.fill(0);
  const bins = binned.rowMajor;
  const base = Int32Array.from(offsets.subarray(0, width), (o) => o * 3);
  // The root takes every row: read them in order rather than through the index.
  const all = start === 0 && end === rows.length;
  for (let k = start; k < end; k++) {
    const i = all ? k : rows[k]!;
    const g = gh[2 * i]!;
    const h = gh[2 * i + 1]!;
    const w = weights[i]!;
    const row = i * width;
    for (let c = 0; c < width; c++) {
      const at = base[c]! + bins[row + c]! * 3;
      histogram[at]! += g;
      histogram[at + 1]! += h;
      histogram[at + 2]! += w;
    }
  }
  return histogram;
}

export function histogramSize(offsets: Int32Array): number {
  return offsets[offsets.length - 1]! * 3;
}

/** Turns a parent's histogram into its other child's, in place. */
export function subtractInPlace(parent: Histogram, child: Histogram): Histogram {
  for (let k = 0; k < parent.length; k++) parent[k]! -= child[k]!;
  return parent;
}

export function findSplit(
  histogram: Histogram,
  offsets: Int32Array,
  categorical: boolean[],
  total: { g: number; h: number; n: number },
  options: SplitOptions,
): Split | undefined {
  const { l2, minSamplesLeaf, minHessianLeaf } = options;
  const parentScore = (total.g * total.g) / (total.h + l2);
  let best: Split | undefined;
  let bestGain = 1e-12;
  for (let c = 0; c < categorical.length; c++) {
    const base = offsets[c]!;
    const size = offsets[c + 1]! - base;
    let order: number[] | undefined;
    if (categorical[c]) {
      // Fisher's ordering: levels sorted by their mean gradient make the best subset a prefix.
      order = [];
      const ratio = new Float64Array(size);
      for (let b = 0; b < size; b++) {
        const at = (base + b) * 3;
        if (histogram[at + 2]! > 0) order.push(b);
        ratio[b] = histogram[at]! / (histogram[at + 1]! + l2);
      }
      order.sort((a, b) => ratio[a]! - ratio[b]!);
    }
    const steps = order === undefined ? size - 1 : order.length - 1;
    let g = 0;
    let h = 0;
    let n = 0;
    for (let k = 0; k < steps; k++) {
      const bin = order === undefined ? k : order[k]!;
      const at = (base + bin) * 3;
      g += histogram[at]!;
      h += histogram[at + 1]!;
      n += histogram[at + 2]!;
      if (n < minSamplesLeaf || h < minHessianLeaf) continue;
      const nr = total.n - n;
      const hr = total.h - h;
      if (nr < minSamplesLeaf) break;
      if (hr < minHessianLeaf) continue;
      const gr = total.g - g;
      const gain = (g * g) / (h + l2) + (gr * gr) / (hr + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = {
          gain,
          column: c,
          bin,
          categories: order === undefined ? undefined : order.slice(0, k + 1).sort((a, b) => a - b),
        };
      }
    }
  }
  return best;
}

// Grows one regression tree on gradients and hessians, leaf-wise (best gain first), from
// histograms; the larger child's histogram is the parent's minus the smaller child's.
import type { Binned } from './gbdt-bins.js';
import {
  buildHistogram,
  findSplit,
  histogramSize,
  subtractInPlace,
  type Histogram,
  type Split,
  type SplitOptions,
} from './gbdt-split.js';
import type { Tree, TreeNode } from './tree-schema.js';

export interface GrowOptions extends SplitOptions {
  maxLeaves: number;
  learningRate: number;
}

export interface GrowContext {
  binned: Binned;
  offsets: Int32Array;
  categorical: boolean[];
  /** Each row's gradient and hessian side by side (2i, 2i + 1), times its weight. */
  gh: Float64Array;
  /** How many rows each row stands for (gbdt-weights.ts). */
  weights: Float64Array;
  /** Row indexes, reordered in place so each node's rows are contiguous. */
  rows: Uint32Array;
  scratch: Uint32Array;
  /** Histograms free for reuse, kept from tree to tree. */
  pool: Histogram[];
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  histogram: Histogram;
  g: number;
  h: number;
  split: Split | undefined;
}

/** Grows a tree over rows[0..n) and adds its leaf values to `margins` of those rows. */
export function growTree(ctx: GrowContext, options: GrowOptions, margins: Float64Array): Tree {
  const { binned, offsets, categorical, gh, weights, rows, pool } = ctx;
  const take = () => pool.pop() ?? new Float64Array(histogramSize(offsets));
  const n = rows.length;
  const nodes: TreeNode[] = [];
  const makeLeaf = (start: number, end: number, histogram: Histogram, g: number, h: number) => {
    const node = nodes.length;
    nodes.push({ value: (-g / (h + options.l2)) * options.learningRate });
    // The rows' weights summed: every row is in exactly one bin of the first column.
    let count = 0;
    for (let b = offsets[0]!; b < offsets[1]!; b++) count += histogram[b * 3 + 2]!;
    const split =
      count >= 2 * options.minSamplesLeaf
        ? findSplit(histogram, offsets, categorical, { g, h, n: count }, options)
        : undefined;
    return { node, start, end, histogram, g, h, split };
  };
  let g = 0;
  let h = 0;
  for (let k = 0; k < n; k++) {
    g += gh[2 * rows[k]!]!;
    h += gh[2 * rows[k]! + 1]!;
  }
  const leaves: Leaf[] = [
    makeLeaf(0, n, buildHistogram(take(), binned, offsets, gh, weights, rows, 0, n), g, h),
  ];
  while (leaves.length < options.maxLeaves) {
    let pick = -1;
    for (const [k, leaf] of leaves.entries()) {
      if (leaf.split && (pick < 0 || leaf.split.gain > leaves[pick]!.split!.gain)) pick = k;
    }
    if (pick < 0) break;
    const leaf = leaves[pick]!;
    const split = leaf.split!;
    const mid = partition(ctx, leaf.start, leaf.end, split);
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const [s0, s1] = leftSmaller ? [leaf.start, mid] : [mid, leaf.end];
    const small = buildHistogram(take(), binned, offsets, gh, weights, rows, s0, s1);
    const large = subtractInPlace(leaf.histogram, small);
    const [leftHist, rightHist] = leftSmaller ? [small, large] : [large, small];
    const sums = (hist: Histogram) => {
      let sg = 0;
      let sh = 0;
      const base = offsets[split.column]!;
      for (let b = base; b < offsets[split.column + 1]!; b++) {
        sg += hist[b * 3]!;
        sh += hist[b * 3 + 1]!;
      }
      return [sg, sh] as const;
    };
    const [lg, lh] = sums(leftHist);
    const left = makeLeaf(leaf.start, mid, leftHist, lg, lh);
    const right = makeLeaf(mid, leaf.end, rightHist, leaf.g - lg, leaf.h - lh);
    const value = nodes[leaf.node]!.value;
    const edges = binned.edges[split.column];
    nodes[leaf.node] =
      split.categories !== undefined
        ? {
            value,
            column: split.column,
            categories: split.categories,
            left: left.node,
            right: right.node,
          }
        : {
            value,
            column: split.column,
            threshold: split.bin === 0 ? null : edges![split.bin - 1]!,
            left: left.node,
            right: right.node,
          };
    leaves.splice(pick, 1, left, right);
  }
  for (const leaf of leaves) {
    pool.push(leaf.histogram);
    const value = nodes[leaf.node]!.value;
    for (let k = leaf.start; k < leaf.end; k++) margins[rows[k]!]! += value;
  }
  return nodes;
}

/** Moves the rows going left to the front of [start, end); returns where the right ones begin. */
function partition(ctx: GrowContext, start: number, end: number, split: Split): number {
  const bins = ctx.binned.bins[split.column]!;
  const { rows, scratch } = ctx;
  let mask: Uint8Array | undefined;
  if (split.categories !== undefined) {
    mask = new Uint8Array(256);
    for (const code of split.categories) mask[code] = 1;
  }
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const i = rows[k]!;
    const bin = bins[i]!;
    const left = mask !== undefined ? mask[bin] === 1 : bin <= split.bin;
    if (left) rows[l++] = i;
    else scratch[r++] = i;
  }
  rows.set(scratch.subarray(0, r), l);
  return l;
}

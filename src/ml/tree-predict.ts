// Evaluates a forest of trees on encoded rows: margins, and exact per-tree path contributions
// (Saabas: each split's change in node value goes to the split's column; with the bias they
// sum to the margin).
import type { Matrix } from './encoding.js';
import type { Tree } from './tree-schema.js';

const LEAF = -1;

interface CompiledTree {
  column: Int32Array;
  threshold: Float64Array;
  /** Per node: a mask over level codes for categorical splits, else undefined. */
  categories: (Uint8Array | undefined)[];
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

function compile(tree: Tree): CompiledTree {
  const n = tree.length;
  const compiled: CompiledTree = {
    column: new Int32Array(n).fill(LEAF),
    threshold: new Float64Array(n).fill(NaN),
    categories: new Array<Uint8Array | undefined>(n),
    left: new Int32Array(n),
    right: new Int32Array(n),
    value: new Float64Array(n),
  };
  for (const [k, node] of tree.entries()) {
    compiled.value[k] = node.value;
    if (!('column' in node)) continue;
    compiled.column[k] = node.column;
    compiled.left[k] = node.left;
    compiled.right[k] = node.right;
    if ('categories' in node) {
      const mask = new Uint8Array(Math.max(0, ...node.categories) + 1);
      for (const code of node.categories) mask[code] = 1;
      compiled.categories[k] = mask;
    } else if (node.threshold !== null) compiled.threshold[k] = node.threshold;
  }
  return compiled;
}

function goesLeft(tree: CompiledTree, k: number, x: number): boolean {
  const mask = tree.categories[k];
  if (mask !== undefined) return mask[x] === 1;
  const threshold = tree.threshold[k]!;
  if (Number.isNaN(x)) return true;
  return !Number.isNaN(threshold) && x <= threshold;
}

export interface Forest {
  baseScore: number;
  trees: Tree[];
}

/** Per row, the raw margin: the base score plus every tree's leaf value. */
export function forestMargins(forest: Forest, matrix: Matrix): Float64Array {
  const n = matrix[0]?.length ?? 0;
  const margins = new Float64Array(n).fill(forest.baseScore);
  for (const tree of forest.trees) addTree(compile(tree), matrix, margins);
  return margins;
}

/** Adds one tree's leaf values to `margins`. */
export function addTree(tree: CompiledTree | Tree, matrix: Matrix, margins: Float64Array): void {
  const t = Array.isArray(tree) ? compile(tree) : tree;
  for (let i = 0; i < margins.length; i++) {
    let k = 0;
    while (t.column[k] !== LEAF) {
      const x = matrix[t.column[k]!]![i]!;
      k = goesLeft(t, k, x) ? t.left[k]! : t.right[k]!;
    }
    margins[i]! += t.value[k]!;
  }
}

/** Per row, each column's summed path contribution; bias + contributions = margin. */
export function explainForest(
  forest: Forest,
  matrix: Matrix,
): { bias: number; margins: Float64Array; contributions: Float64Array[] } {
  const n = matrix[0]?.length ?? 0;
  const compiled = forest.trees.map(compile);
  const bias = compiled.reduce((b, t) => b + t.value[0]!, forest.baseScore);
  const margins = new Float64Array(n);
  const contributions: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(matrix.length);
    let margin = forest.baseScore;
    for (const t of compiled) {
      let k = 0;
      while (t.column[k] !== LEAF) {
        const column = t.column[k]!;
        const next = goesLeft(t, k, matrix[column]![i]!) ? t.left[k]! : t.right[k]!;
        row[column]! += t.value[next]! - t.value[k]!;
        k = next;
      }
      margin += t.value[k]!;
    }
    margins[i] = margin;
    contributions.push(row);
  }
  return { bias, margins, contributions };
}

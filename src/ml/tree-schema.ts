// The stored form of a gradient-boosted tree: a flat list of nodes, the root first.
import { z } from 'zod';

const index = z.number().int().nonnegative();

/** Every node keeps the value it would have as a leaf: path contributions are their changes. */
export const leafSchema = z.strictObject({ value: z.number() });

/** Goes left when the value is missing or <= threshold; a null threshold: left iff missing. */
export const numericSplitSchema = z.strictObject({
  value: z.number(),
  column: index,
  threshold: z.number().nullable(),
  left: index,
  right: index,
});

/** Goes left when the level code is one of `categories`. */
export const categoricalSplitSchema = z.strictObject({
  value: z.number(),
  column: index,
  categories: z.array(index),
  left: index,
  right: index,
});

export const treeNodeSchema = z.union([leafSchema, numericSplitSchema, categoricalSplitSchema]);
export const treeSchema = z.array(treeNodeSchema).min(1);

export type TreeNode = z.infer<typeof treeNodeSchema>;
export type Tree = z.infer<typeof treeSchema>;

// The feature encoding stored in a model artifact, so `predict` turns raw values into features
// exactly as training did.
import { z } from 'zod';

/** Levels every categorical column has, after its observed values. */
export const MISSING = '(missing)';
export const OTHER = '(other)';

export const numericColumnSchema = z.strictObject({
  name: z.string(),
  type: z.literal('numeric'),
  /** The training mean: stands in for a missing value in the linear model. */
  mean: z.number(),
  /** Whether training saw missing values: then the linear model has a missing indicator. */
  missing: z.boolean(),
});

export const categoricalColumnSchema = z.strictObject({
  name: z.string(),
  type: z.literal('categorical'),
  /** The observed levels (most frequent first), then MISSING and OTHER (unseen values). */
  levels: z.array(z.string()).min(2),
});

export const encodingSchema = z.strictObject({
  columns: z.array(z.discriminatedUnion('type', [numericColumnSchema, categoricalColumnSchema])),
  /**
   * Values (trimmed) read as missing besides a blank one. Absent from artifacts made before
   * there was such a list: they read only blank as missing, and still do, so that they predict
   * as they did (an `NA` there may be a categorical level).
   */
  missingValues: z.array(z.string()).optional(),
});

export type NumericColumn = z.infer<typeof numericColumnSchema>;
export type CategoricalColumn = z.infer<typeof categoricalColumnSchema>;
export type EncodedColumn = NumericColumn | CategoricalColumn;
export type Encoding = z.infer<typeof encodingSchema>;

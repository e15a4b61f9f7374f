// The condition language of model files: leaves `{ field, OP: value }` and all/any/not combinators.
import { z } from 'zod';

export const scalarSchema = z
  .union([z.string(), z.number(), z.boolean()])
  .describe('A text, number or true/false value');

/** Every leaf operator, in the order the reference lists them. */
export const OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'startsWith',
  'endsWith',
  'matches',
  'exists',
] as const;

export type Operator = (typeof OPERATORS)[number];

export const leafConditionSchema = z
  .strictObject({
    field: z
      .string()
      .min(1)
      .describe(
        'Dotted path of the field, e.g. company.industry; on a lead also the derived email.domain, email.isBusiness and email.isDisposable (computed from the email trait when the lead has no value there)',
      ),
    eq: scalarSchema.optional(),
    neq: scalarSchema.optional(),
    in: z.array(scalarSchema).min(1).optional(),
    notIn: z.array(scalarSchema).min(1).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    between: z.tuple([z.number(), z.number()]).optional(),
    contains: scalarSchema.optional(),
    startsWith: scalarSchema.optional(),
    endsWith: scalarSchema.optional(),
    matches: z.string().min(1).optional(),
    exists: z.boolean().optional(),
  })
  .superRefine((leaf, ctx) => {
    const ops = OPERATORS.filter((op) => leaf[op] !== undefined);
    if (ops.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          ops.length === 0
            ? `expected exactly one operator (${OPERATORS.join(', ')}), got none`
            : `expected exactly one operator, got ${ops.join(' and ')}`,
      });
    }
    if (leaf.matches !== undefined) {
      try {
        new RegExp(leaf.matches, 'i');
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['matches'],
          message: `not a valid regular expression: ${(error as Error).message}`,
        });
      }
    }
    if (leaf.between !== undefined && leaf.between[0] > leaf.between[1]) {
      ctx.addIssue({
        code: 'custom',
        path: ['between'],
        message: `expected [low, high] with low <= high, got [${leaf.between.join(', ')}]`,
      });
    }
  })
  .describe('A test on one field with exactly one operator');

export const allConditionSchema = z
  .strictObject({
    get all() {
      return z.array(conditionSchema).min(1);
    },
  })
  .describe('Holds when every condition holds');

export const anyConditionSchema = z
  .strictObject({
    get any() {
      return z.array(conditionSchema).min(1);
    },
  })
  .describe('Holds when at least one condition holds');

export const notConditionSchema = z
  .strictObject({
    get not() {
      return conditionSchema;
    },
  })
  .describe('Holds when the condition does not');

export const conditionSchema = z.union([
  leafConditionSchema,
  allConditionSchema,
  anyConditionSchema,
  notConditionSchema,
]);

export type LeafCondition = z.infer<typeof leafConditionSchema>;
export type Condition = z.infer<typeof conditionSchema>;

// The drift of a predictive version over the API: PSI of its probability and top columns.
import { z } from 'zod';

const itemSchema = z.object({
  psi: z.number().describe('Population stability index, training time against now'),
  warning: z.boolean().describe('psi > threshold'),
});

export const driftQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional().describe('Default: the active version'),
});

export const predictiveDriftSchema = z.object({
  version: z.number().int(),
  threshold: z.number().describe('A PSI above this warns (0.2)'),
  baseline: z
    .object({ leads: z.number().int() })
    .nullable()
    .describe('The leads the distributions were taken over at training; null when not kept'),
  reason: z.string().nullable().describe('Why drift cannot be measured (no baseline)'),
  leads: z.number().int().describe('The leads now'),
  probability: itemSchema.nullable(),
  features: z
    .array(itemSchema.extend({ column: z.string() }))
    .describe('The most influential columns (up to 5), most influential first'),
});

export type PredictiveDrift = z.infer<typeof predictiveDriftSchema>;

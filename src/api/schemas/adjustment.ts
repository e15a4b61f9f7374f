// A manual score adjustment as the API takes and answers it.
import { z } from 'zod';
import { MAX_ADJUSTMENT_POINTS, type Adjustment } from '../../core/manual-adjustment.js';
import { isoTime } from './iso-time.js';

export const adjustmentBodySchema = z
  .object({
    points: z
      .number()
      .finite()
      .min(-MAX_ADJUSTMENT_POINTS)
      .max(MAX_ADJUSTMENT_POINTS)
      .refine((p) => p !== 0, 'must not be 0')
      .describe(
        `Points added to the score (negative to take away), 0 < |points| <= ${MAX_ADJUSTMENT_POINTS}`,
      ),
    reason: z.string().trim().min(1).max(500).describe('Why: shown in the score’s explanation'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When it stops counting (in the future); absent for never'),
  })
  .strict();

export const adjustmentSchema = z.object({
  id: z.string(),
  points: z.number(),
  reason: z.string(),
  author: z.string().describe('The user’s e-mail or the API key’s name'),
  createdAt: isoTime,
  expiresAt: isoTime.nullable().describe('null: never expires'),
});

export const adjustmentListSchema = z.object({ adjustments: z.array(adjustmentSchema) });

export type AdjustmentView = z.infer<typeof adjustmentSchema>;

export const adjustmentView = (a: Adjustment): AdjustmentView => ({
  id: a.id,
  points: a.points,
  reason: a.reason,
  author: a.author,
  createdAt: new Date(a.at).toISOString(),
  expiresAt: a.expiresAt === null ? null : new Date(a.expiresAt).toISOString(),
});

// The ids erasures suppressed, as the management API lists and lifts them.
import { z } from 'zod';
import { SUPPRESSION_KINDS } from '../../store/suppression-records.js';
import { isoTime } from './iso-time.js';

export const suppressionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional().describe('The `next` of the previous page'),
});

export const suppressionViewSchema = z
  .object({
    id: z.string().describe('The suppressed id, and nothing else about the person'),
    kind: z
      .enum(SUPPRESSION_KINDS)
      .describe('`userId`: the erased lead’s id; `anonymousId`: an anonymous id or alias of it'),
    createdAt: isoTime.describe('When the erasure suppressed it'),
    refusedCount: z.number().int().min(0).describe('Ingestion calls refused because of it'),
    lastRefusedAt: isoTime.nullable().describe('When the last call was refused; null if none'),
  })
  .meta({ id: 'Suppression', description: 'An id an erasure suppressed' });

export const suppressionsPageSchema = z
  .object({
    items: z.array(suppressionViewSchema),
    next: z.string().nullable().describe('The cursor of the next page; null on the last one'),
  })
  .describe('The suppressed ids of the workspace, newest first');

export type SuppressionView = z.infer<typeof suppressionViewSchema>;

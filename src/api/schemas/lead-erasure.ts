// What erasing a lead answers: how many records of each kind were removed, how many ids suppressed.
import { z } from 'zod';
import { erasureCountsSchema } from '../../store/records.js';

export const leadErasureSchema = z
  .object({
    id: z.string(),
    removed: erasureCountsSchema,
    suppressed: z
      .number()
      .int()
      .min(0)
      .describe(
        'Ids newly suppressed: the lead id and the anonymous ids linked to it (GET /v1/suppressions)',
      ),
  })
  .describe('The lead is erased; the counts of removed records per kind');

// What erasing a lead answers: how many records of each kind were removed.
import { z } from 'zod';
import { erasureCountsSchema } from '../../store/port.js';

export const leadErasureSchema = z
  .object({ id: z.string(), removed: erasureCountsSchema })
  .describe('The lead is erased; the counts of removed records per kind');

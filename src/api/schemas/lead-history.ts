// A lead's score history over the API: the store's entries, newest first, times in ISO-8601.
import { z } from 'zod';
import { historyEntrySchema } from '../../store/records.js';
import { isoTime } from './iso-time.js';

export const leadHistorySchema = z
  .object({
    items: z.array(
      historyEntrySchema.extend({
        at: isoTime,
        causeRef: z
          .string()
          .nullable()
          .describe('What caused it: a messageId, a model version, ...'),
      }),
    ),
  })
  .describe('Score changes, newest first, each with its cause and the figures before it');

export type LeadHistory = z.infer<typeof leadHistorySchema>;
export type LeadHistoryEntry = LeadHistory['items'][number];

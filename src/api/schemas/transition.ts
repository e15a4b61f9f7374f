// The workspace's transitions feed over the API: score-history entries where a lead's segment,
// grade or stage changed, newest first.
import { z } from 'zod';
import { STAGES } from '../../core/model-schema.js';
import { HISTORY_CAUSES } from '../../store/records.js';
import { isoTime } from './iso-time.js';

export const transitionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().min(1).optional().describe('The `next` of the previous page'),
});

const snapshot = z.object({
  score: z.number(),
  grade: z.string().nullable(),
  segment: z.string(),
  stage: z.enum(STAGES),
});

export const transitionsPageSchema = z
  .object({
    items: z.array(
      z.object({
        leadId: z.string(),
        at: isoTime,
        cause: z.enum(HISTORY_CAUSES),
        causeRef: z
          .string()
          .nullable()
          .describe('What caused it: a messageId, a model version, ...'),
        from: snapshot.nullable().describe("The lead's figures before; null on its first score"),
        to: snapshot,
      }),
    ),
    next: z.string().nullable().describe('The cursor of the next page; null on the last one'),
  })
  .describe('Changes of segment, grade or stage across the workspace, newest recorded first');

export type TransitionsPage = z.infer<typeof transitionsPageSchema>;
export type TransitionView = TransitionsPage['items'][number];

// A page of a lead's events over the API, newest first (see service/leads/lead-events.ts).
import { z } from 'zod';
import { EVENT_TYPES } from '../../store/records.js';
import { isoTime } from './iso-time.js';

export const leadEventsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().min(1).optional().describe('The `next` of the previous page'),
});

export const leadEventsPageSchema = z
  .object({
    items: z.array(
      z.object({
        messageId: z.string(),
        type: z.enum(EVENT_TYPES),
        name: z
          .string()
          .nullable()
          .describe('The event of a track call, the name of a page or screen call; else null'),
        properties: z
          .record(z.string(), z.unknown())
          .describe('The properties of the call, or its traits for identify and group calls'),
        timestamp: isoTime.describe('When it happened'),
        receivedAt: isoTime.describe('When it was received'),
      }),
    ),
    next: z.string().nullable().describe('The cursor of the next page; null on the last one'),
  })
  .describe("A page of the lead's events, newest first");

export type LeadEventsPage = z.infer<typeof leadEventsPageSchema>;
export type LeadEventView = LeadEventsPage['items'][number];

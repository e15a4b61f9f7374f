// A page of the lead list: one line per lead, its score as of now (see service/leads/lead-list.ts).
import { z } from 'zod';
import { STAGES } from '../../core/model-schema.js';
import { isoTime } from './iso-time.js';

const leadListEntrySchema = z.object({
  id: z.string(),
  name: z.string().nullable().describe('From the traits name, or first_name and last_name'),
  email: z.string().nullable(),
  company: z.string().nullable().describe('The company name in the traits'),
  score: z.number().nullable().describe('As of now (decay applied); null before scoring'),
  storedScore: z.number().nullable().describe('The stored score the list is ordered by'),
  scoredAt: isoTime.nullable().describe('The time `storedScore` is as of'),
  grade: z.string().nullable(),
  segment: z.string().nullable(),
  stage: z.enum(STAGES).nullable(),
  modelVersion: z.number().int().nullable(),
  updatedAt: isoTime,
  owner: z.string().nullable().describe('The sales rep lead routing assigned'),
  tags: z.array(z.string()).describe('Tags lead routing gave, in the order first given'),
  lastActivityAt: isoTime.nullable().describe('The time of its latest event'),
  trend: z
    .array(z.number())
    .describe('Its score after each of its last (up to 12) score-history entries, oldest first'),
});

/** The filters and sort of the lead list, as `GET /v1/leads` and its export read them. */
export const leadListFiltersSchema = z.object({
  segment: z.string().min(1).optional(),
  grade: z.string().min(1).optional(),
  stage: z.enum(STAGES).optional(),
  owner: z.string().min(1).optional().describe('The owner lead routing assigned (exact)'),
  minScore: z.coerce.number().optional(),
  maxScore: z.coerce.number().optional(),
  search: z.string().min(1).max(200).optional().describe('Text in name, email or company name'),
  sort: z.enum(['score', '-score', 'updatedAt', '-updatedAt']).default('-score'),
});

/** The query of `GET /v1/leads`: its filters and a page. */
export const leadListQueryParamsSchema = leadListFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional().describe('The `next` of the previous page'),
});

export const leadListPageSchema = z
  .object({
    items: z.array(leadListEntrySchema),
    next: z.string().nullable().describe('The cursor of the next page; null on the last one'),
  })
  .describe('A page of leads');

export type LeadListPage = z.infer<typeof leadListPageSchema>;
export type LeadListEntry = z.infer<typeof leadListEntrySchema>;

// Account (company) scores as the API answers them: a list of stored scores, and one account
// scored as of now with every contribution.
import { z } from 'zod';
import { STAGES } from '../../core/model-schema.js';
import { isoTime } from './iso-time.js';

const figures = {
  score: z.number().describe("Fit plus the contacts' scores taken together"),
  fit: z.number(),
  engagement: z.number().describe("The contacts' scores taken together (sum, max or average)"),
  grade: z.string().nullable(),
  segment: z.string(),
  stage: z.enum(STAGES),
  contacts: z.number().int().describe('Scored contacts'),
};

export const accountListEntrySchema = z.object({
  id: z.string().describe('The company id: the Segment groupId'),
  name: z.string().nullable().describe('The company name in its traits'),
  ...figures,
  modelVersion: z.number().int(),
  scoredAt: isoTime.describe('The time these figures are as of'),
});

export const accountListPageSchema = z
  .object({
    items: z.array(accountListEntrySchema),
    next: z.string().nullable().describe('The cursor of the next page; null on the last one'),
  })
  .describe('A page of accounts, best score first');

const contributionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fit'),
    id: z.string().describe('The account fit criterion'),
    category: z.string(),
    points: z.number(),
  }),
  z.object({
    kind: z.literal('contact'),
    leadId: z.string(),
    score: z.number().describe("The contact's score as of now"),
    points: z.number().describe('What it adds to the account (all, its share, or 0 for max)'),
  }),
]);

export const accountSchema = z
  .object({
    id: z.string(),
    traits: z.record(z.string(), z.unknown()),
    ...figures,
    aggregate: z.enum(['sum', 'max', 'average']),
    modelVersion: z.number().int(),
    asOf: isoTime,
    contributions: z.array(contributionSchema).describe('They add up to the score'),
  })
  .describe('An account scored as of now');

export type AccountListPage = z.infer<typeof accountListPageSchema>;
export type AccountResponse = z.infer<typeof accountSchema>;

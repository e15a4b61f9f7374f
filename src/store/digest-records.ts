// The rows the daily digest reads: an owner's lead with what the digest shows of it, and a score
// change of an owned lead (the state it entered and the one before), as zod schemas.
import { z } from 'zod';

/** Epoch milliseconds, UTC. */
const millis = z.number();
const jsonObject = z.record(z.string(), z.unknown());

/** A lead that has an owner (lead routing), with its traits and stored score. */
export const digestLeadSchema = z.object({
  owner: z.string(),
  leadId: z.string(),
  /** When it was handed over, got the state, or started waiting. */
  at: millis,
  traits: jsonObject,
  /** The traits of the company it is linked to; null when none. */
  companyTraits: jsonObject.nullable(),
  /** The stored score row's figures; null before the lead is first scored. */
  score: z.number().nullable(),
  grade: z.string().nullable(),
  segment: z.string().nullable(),
});

const scoreStateSchema = z.object({ segment: z.string(), grade: z.string().nullable() });

/** A score history entry of an owned lead: the segment and grade it reached, and before. */
export const digestScoreEntrySchema = digestLeadSchema.extend({
  reached: scoreStateSchema,
  /** Null for a lead's first score. */
  before: scoreStateSchema.nullable(),
});

export type DigestLead = z.infer<typeof digestLeadSchema>;
export type DigestScoreEntry = z.infer<typeof digestScoreEntrySchema>;

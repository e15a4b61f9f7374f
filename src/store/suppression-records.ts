// The suppressions a workspace keeps after erasures: ids whose new calls are refused, so an erased
// person is not silently re-created. Only the id itself is kept, no other personal data.
import { z } from 'zod';

/** Which Segment field the id was erased as: the lead's userId, or an anonymous id linked to it. */
export const SUPPRESSION_KINDS = ['userId', 'anonymousId'] as const;

export const suppressionSchema = z.object({
  id: z.string(),
  kind: z.enum(SUPPRESSION_KINDS),
  /** Epoch ms of the erasure that suppressed it. */
  createdAt: z.number(),
  /** Ingestion calls refused because of it. */
  refusedCount: z.number().int().min(0),
  /** Epoch ms of the last call refused; null while none was. */
  lastRefusedAt: z.number().nullable(),
});

export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];
export type Suppression = z.infer<typeof suppressionSchema>;
/** A position in the newest-first order of a workspace's suppressions. */
export type SuppressionPosition = Pick<Suppression, 'createdAt' | 'id'>;

// Manual adjustments: points a person adds to (or takes from) one lead's score, with a reason,
// an author and an optional expiry. The engine takes them as data, like events; they do not
// decay, count in engagement from their time until (not including) their expiry.
import { z } from 'zod';
import type { Contribution } from './lead-score.js';

/** The largest size of one adjustment: far above any sane model, far below float trouble. */
export const MAX_ADJUSTMENT_POINTS = 10_000;

export const adjustmentSchema = z.object({
  id: z.string(),
  points: z.number(),
  reason: z.string(),
  /** Who made it: a user's e-mail or an API key's name. */
  author: z.string(),
  /** When it was made, epoch ms: it counts from then. */
  at: z.number(),
  /** When it stops counting, epoch ms; null for never. */
  expiresAt: z.number().nullable(),
});

export type Adjustment = z.infer<typeof adjustmentSchema>;

/** Whether the adjustment counts in a score as of `asOf`. */
export function isActive(a: Adjustment, asOf: number): boolean {
  return a.at <= asOf && (a.expiresAt === null || asOf < a.expiresAt);
}

/** The points of the adjustments that count as of `asOf`. */
export function manualPoints(adjustments: readonly Adjustment[] | undefined, asOf: number): number {
  let sum = 0;
  for (const a of adjustments ?? []) if (isActive(a, asOf)) sum += a.points;
  return sum;
}

/** The first expiry after `from` of an adjustment, or null when none expires later. */
export function nextExpiry(adjustments: readonly Adjustment[] | undefined, from: number) {
  let next: number | null = null;
  for (const a of adjustments ?? [])
    if (a.expiresAt !== null && a.expiresAt > from && (next === null || a.expiresAt < next))
      next = a.expiresAt;
  return next;
}

/** The contributions that explain the adjustments counting as of `asOf`. */
export function manualContributions(
  adjustments: readonly Adjustment[] | undefined,
  asOf: number,
): Contribution[] {
  return (adjustments ?? [])
    .filter((a) => isActive(a, asOf))
    .map((a) => ({
      kind: 'manual' as const,
      id: a.id,
      category: 'manual',
      points: a.points,
      afterCap: a.points,
      afterDecay: a.points,
      time: a.at,
      reason: a.reason,
      author: a.author,
      expiresAt: a.expiresAt,
    }));
}

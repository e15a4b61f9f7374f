// Bands A-D by probability. The cut-offs come from the training predictions, so a band means
// the same share of leads whatever the base rate: A the top 10%, B the next 20%, C the next
// 30%, D the remaining 40%. They are stored in the artifact and applied as they are.
import { z } from 'zod';

export const BAND_SHARES = [
  { band: 'A', share: 0.1 },
  { band: 'B', share: 0.2 },
  { band: 'C', share: 0.3 },
  { band: 'D', share: 0.4 },
] as const;

/** Highest band first; a lead takes the first band whose `min` its probability reaches. */
export const bandsSchema = z
  .array(z.strictObject({ band: z.enum(['A', 'B', 'C', 'D']), min: z.number().min(0).max(1) }))
  .length(4);
export type Bands = z.infer<typeof bandsSchema>;

export function fitBands(probabilities: ArrayLike<number>): Bands {
  const sorted = Float64Array.from(probabilities).sort().reverse();
  let above = 0;
  return BAND_SHARES.map(({ band, share }) => {
    above += share;
    if (band === 'D' || sorted.length === 0) return { band, min: 0 };
    // The epsilon keeps (0.1 + 0.2) x 100 leads (30.000000000000004) at 30, not 31.
    const count = Math.ceil(above * sorted.length - 1e-9);
    return { band, min: sorted[Math.min(sorted.length, Math.max(1, count)) - 1]! };
  });
}

export function bandOf(bands: Bands, probability: number): string {
  return (bands.find((b) => probability >= b.min) ?? bands[bands.length - 1]!).band;
}

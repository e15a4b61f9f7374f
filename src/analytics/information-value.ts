// Weight of evidence per group and the information value of an attribute (how much it separates
// converters from the rest).

/**
 * Added to the converted and the not-converted count of every group before the shares are
 * taken, so that a group with no converters (or no non-converters) has a finite weight of
 * evidence instead of +-infinity. Adding it to every group, not just empty ones, keeps the
 * shares summing to 1 and the smoothing the same for all groups.
 */
export const WOE_SMOOTHING = 0.5;

export interface GroupCounts {
  leads: number;
  conversions: number;
}

/** The smoothed share of all converters and of all non-converters that falls in each group. */
function shares(groups: readonly GroupCounts[]): { converted: number; notConverted: number }[] {
  const converted = groups.reduce((s, g) => s + g.conversions, 0);
  const notConverted = groups.reduce((s, g) => s + g.leads - g.conversions, 0);
  const k = groups.length;
  return groups.map((g) => ({
    converted: (g.conversions + WOE_SMOOTHING) / (converted + WOE_SMOOTHING * k),
    notConverted: (g.leads - g.conversions + WOE_SMOOTHING) / (notConverted + WOE_SMOOTHING * k),
  }));
}

/**
 * Weight of evidence of each group: ln(share of all converters / share of all non-converters),
 * with the shares smoothed as (count + 0.5) / (total + 0.5 x groups). Positive: the group
 * converts better than the whole.
 */
export function weightsOfEvidence(groups: readonly GroupCounts[]): number[] {
  return shares(groups).map((s) => Math.log(s.converted / s.notConverted));
}

/**
 * Information value: sum over groups of (share of converters - share of non-converters) x WoE,
 * with the same smoothed shares. Rules of thumb: < 0.02 useless, 0.02-0.1 weak, 0.1-0.3
 * medium, > 0.3 strong (and > 0.5 worth checking for a leak).
 */
export function informationValue(groups: readonly GroupCounts[]): number {
  return shares(groups).reduce(
    (iv, s) => iv + (s.converted - s.notConverted) * Math.log(s.converted / s.notConverted),
    0,
  );
}

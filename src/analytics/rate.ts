// A conversion rate with its 95% Wilson score interval, and its lift over a base rate.

/** The two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

export interface Rate {
  leads: number;
  conversions: number;
  /** conversions / leads; NaN when there are no leads. */
  rate: number;
  /** The Wilson score interval; [0, 1] when there are no leads. */
  low: number;
  high: number;
}

/**
 * The Wilson score interval: the set of p for which |k/n - p| <= z sqrt(p(1-p)/n). Unlike the
 * normal approximation it stays inside [0, 1] and is usable for small groups and 0 or 100%.
 */
export function wilson(conversions: number, leads: number, z = Z95): [number, number] {
  if (leads === 0) return [0, 1];
  const p = conversions / leads;
  const z2 = z * z;
  const denominator = 1 + z2 / leads;
  const centre = (p + z2 / (2 * leads)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / leads + z2 / (4 * leads * leads));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function rateOf(conversions: number, leads: number): Rate {
  const [low, high] = wilson(conversions, leads);
  return { leads, conversions, rate: leads === 0 ? NaN : conversions / leads, low, high };
}

/** How many times the base rate a group converts at. */
export function liftOver(rate: Rate, base: Rate): number {
  return rate.rate / base.rate;
}

// The score threshold that fills a sales team's capacity (leads a week) with the most expected
// conversions, from each lead's record highs under a model: a lead is handed over when its score
// first reaches the threshold; the flow is how many did so per week over a recent window, and the
// expected conversions are that flow times the rate at which leads that reached it converted.

/** One lead: its record highs (rising), and its outcome when known (with highs before it only). */
export interface CapacityLead {
  highTimes: readonly number[];
  highScores: readonly number[];
  converted?: boolean;
}

export interface CapacityPoint {
  threshold: number;
  leadsPerWeek: number;
  /** Among leads with a known outcome that reached the threshold; null when none did. */
  conversionRate: number | null;
  expectedConversionsPerWeek: number | null;
}

export interface CapacityPlan {
  perWeek: number;
  weeks: number;
  /** The chosen threshold; null when even the highest one sends more leads than fit. */
  threshold: number | null;
  leadsPerWeek: number;
  expectedConversionsPerWeek: number;
  /** Every threshold tried, highest first. */
  curve: CapacityPoint[];
}

const WEEK = 7 * 86_400_000;
/** Thresholds tried at most: quantiles of the leads' best scores. */
const MAX_THRESHOLDS = 60;

/** Index of the first high at or above `threshold`; -1 when the lead never reached it. */
function firstReach(scores: readonly number[], threshold: number): number {
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (scores[mid]! >= threshold) hi = mid;
    else lo = mid + 1;
  }
  return lo < scores.length ? lo : -1;
}

/** Candidate thresholds: distinct quantiles of each lead's best score (2 decimals), highest first. */
export function candidateThresholds(leads: readonly CapacityLead[]): number[] {
  const best = leads
    .map((l) => l.highScores[l.highScores.length - 1])
    .filter((s): s is number => s !== undefined)
    .map((s) => Math.round(s * 100) / 100)
    .sort((a, b) => a - b);
  const picked = new Set<number>();
  const steps = Math.min(MAX_THRESHOLDS, best.length);
  for (let i = 0; i < steps; i++) {
    const index = Math.floor(((i + 1) / steps) * (best.length - 1));
    picked.add(best[index]!);
  }
  return [...picked].sort((a, b) => b - a);
}

export function capacityPoint(
  leads: readonly CapacityLead[],
  threshold: number,
  window: { from: number; to: number },
): CapacityPoint {
  const weeks = (window.to - window.from) / WEEK;
  let reachedInWindow = 0;
  let known = 0;
  let converted = 0;
  for (const lead of leads) {
    const at = firstReach(lead.highScores, threshold);
    if (at < 0) continue;
    const time = lead.highTimes[at]!;
    if (time >= window.from && time < window.to) reachedInWindow++;
    if (lead.converted !== undefined) {
      known++;
      if (lead.converted) converted++;
    }
  }
  const leadsPerWeek = reachedInWindow / weeks;
  const conversionRate = known > 0 ? converted / known : null;
  return {
    threshold,
    leadsPerWeek,
    conversionRate,
    expectedConversionsPerWeek: conversionRate === null ? null : leadsPerWeek * conversionRate,
  };
}

/**
 * The plan for `perWeek` leads a week over the `weeks` before `now`: of the thresholds whose flow
 * fits, the one with the most expected conversions (ties: the higher threshold, fewer calls).
 */
export function capacityPlan(
  leads: readonly CapacityLead[],
  perWeek: number,
  weeks: number,
  now: number,
): CapacityPlan {
  const window = { from: now - weeks * WEEK, to: now };
  const curve = candidateThresholds(leads).map((t) => capacityPoint(leads, t, window));
  let best: CapacityPoint | undefined;
  for (const point of curve) {
    if (point.leadsPerWeek > perWeek || point.expectedConversionsPerWeek === null) continue;
    if (!best || point.expectedConversionsPerWeek > best.expectedConversionsPerWeek!) best = point;
  }
  return {
    perWeek,
    weeks,
    threshold: best?.threshold ?? null,
    leadsPerWeek: best?.leadsPerWeek ?? 0,
    expectedConversionsPerWeek: best?.expectedConversionsPerWeek ?? 0,
    curve,
  };
}

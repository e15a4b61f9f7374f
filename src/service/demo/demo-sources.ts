// Where each synthetic demo lead came from (its `utm_source` trait), seeded, so that conversion
// by channel and cost per conversion have channels to compare. The demo's outcomes (see
// demo-sales.ts) lean on it, as real channels differ.
import type { JsonObject } from '../../store/port.js';
import { createRng, weighted } from './synthetic-random.js';

/** The channels with their share of leads and how much they shift the odds of a deal (log-odds). */
export const DEMO_SOURCES: Record<string, { share: number; lift: number }> = {
  google: { share: 30, lift: 0 },
  linkedin: { share: 20, lift: 0.2 },
  webinar: { share: 15, lift: 0.4 },
  referral: { share: 10, lift: 0.8 },
  newsletter: { share: 15, lift: -0.2 },
  'paid-social': { share: 10, lift: -0.6 },
};

const pickSource = weighted(Object.entries(DEMO_SOURCES).map(([name, s]) => [name, s.share]));

/** Adds `utm_source` to each lead's traits, in id order (the same leads, the same sources). */
export function withDemoSources(
  leads: readonly (readonly [string, JsonObject])[],
  seed = 42,
): [string, JsonObject][] {
  const rng = createRng(seed, 9);
  const source = new Map(
    [...leads]
      .map(([id]) => id)
      .sort()
      .map((id) => [id, pickSource(rng)]),
  );
  return leads.map(([id, traits]) => [id, { ...traits, utm_source: source.get(id)! }]);
}

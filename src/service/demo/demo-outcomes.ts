// Synthetic sales outcomes for the demo workspace, so that its backtests and conversion reports
// have something to rank: seeded and deterministic, and drawn from a propensity of their own
// (seniority, company size, high-intent activity, channel, chance) rather than from the demo model's
// points, so that the model can be judged against them and not merely agree with itself.
import { isRecord } from '../../core/fields.js';
import type { JsonObject, NewEvent } from '../../store/port.js';
import { DEMO_SOURCES } from './demo-sources.js';
import { createRng } from './synthetic-random.js';

export interface DemoOutcome {
  leadId: string;
  converted: boolean;
  at: number;
  /** The deal's value (converted only). */
  value: number | null;
}

const DAY = 86_400_000;
/** A lead needs this much history before a deal can have closed. */
const MIN_AGE_DAYS = 30;
/** Share of old-enough leads whose deal has closed (won or lost); the rest are still open. */
const DECIDED = 0.45;
const SENIOR = /\b(vp|vice president|director|head of|chief|c[emo]o|founder|owner)\b/i;
const INTENT: Record<string, number> = {
  'demo requested': 1.6,
  'webinar registered': 0.35,
  'online event attended': 0.45,
  'asset downloaded': 0.25,
  'email link clicked': 0.12,
  'page viewed': 0.05,
  unsubscribed: -1.2,
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function demoOutcomes(
  leads: readonly (readonly [string, JsonObject])[],
  events: readonly NewEvent[],
  now: number,
  seed = 42,
): DemoOutcome[] {
  const byLead = new Map<string, { first: number; last: number; intent: number }>();
  for (const e of events) {
    if (e.leadId === null) continue;
    const seen = byLead.get(e.leadId) ?? { first: e.time, last: e.time, intent: 0 };
    seen.first = Math.min(seen.first, e.time);
    seen.last = Math.max(seen.last, e.time);
    seen.intent += INTENT[e.name.trim().toLowerCase()] ?? 0;
    byLead.set(e.leadId, seen);
  }
  const rng = createRng(seed, 7);
  const outcomes: DemoOutcome[] = [];
  for (const [leadId, traits] of [...leads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Draws in a fixed order for every lead, so one lead's history does not shift the others'.
    const [decide, win, delay, size] = [rng(), rng(), rng(), rng()];
    const seen = byLead.get(leadId);
    if (!seen || seen.first > now - MIN_AGE_DAYS * DAY || decide >= DECIDED) continue;
    const company = isRecord(traits.company) ? traits.company : {};
    const employees = typeof company.employees === 'number' ? company.employees : 0;
    const title = typeof traits.title === 'string' ? traits.title : '';
    const logit =
      -2.6 +
      (SENIOR.test(title) ? 0.9 : 0) +
      (/student|intern/i.test(title) ? -1.5 : 0) +
      (employees >= 200 ? 0.6 : employees >= 50 ? 0.2 : -0.3) +
      Math.tanh(seen.intent / 3) * 2.2 +
      (DEMO_SOURCES[String(traits.utm_source)]?.lift ?? 0);
    const converted = win < sigmoid(logit);
    const at = Math.min(now - DAY, seen.last + Math.round((2 + delay * 25) * DAY));
    outcomes.push({
      leadId,
      converted,
      at,
      value: converted ? Math.round((2000 + size * 48_000) / 100) * 100 : null,
    });
  }
  return outcomes;
}

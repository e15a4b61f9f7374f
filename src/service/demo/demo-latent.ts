// The hidden truth behind each demo lead: how well it fits (from title, company size, industry)
// and how interested it is week by week (a level of its own, drifting, with a buying cycle that
// rises and falls over months). Events and outcomes are both drawn from it, never from a model.
import { isRecord } from '../../core/fields.js';
import type { JsonObject } from '../../store/port.js';
import type { Rng } from './synthetic-random.js';

export interface Latent {
  /** Log-odds scale: about -2 (student, competitor) to +2.5 (senior buyer at a large target firm). */
  fit: number;
  /** Interest in each week of the period, log-rate scale (0 is a mildly interested lead). */
  interest: Float64Array;
  /** The week the lead first appears (its events start then). */
  startWeek: number;
  /** Its address is dead: e-mails to it bounce, and sales cannot reach it. */
  badAddress: boolean;
  /** Works for a competitor or studies: never buys. */
  nonBuyer: boolean;
  student: boolean;
  competitor: boolean;
}

const SENIOR = /\b(vp|vice president|director|head of|chief|c[emo]o|cto|founder)\b/i;
const MANAGER = /\bmanager\b/i;
const STUDENT = /student|intern/i;
const TARGET_INDUSTRIES = new Set(['software', 'saas', 'fintech']);
const TARGET_COUNTRIES = new Set(['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'SE', 'AU']);
const FREE_MAIL = /@(gmail|outlook|yahoo|proton|icloud)\./;

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A standard normal draw (Box-Muller; two uniforms per draw, so the draw count is fixed). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function fitOf(traits: JsonObject, rng: Rng): number {
  const title = typeof traits.title === 'string' ? traits.title : '';
  const company = isRecord(traits.company) ? traits.company : {};
  const employees = typeof company.employees === 'number' ? company.employees : null;
  const industry = typeof company.industry === 'string' ? company.industry : '';
  let fit = -0.4;
  if (SENIOR.test(title)) fit += 1.1;
  else if (MANAGER.test(title)) fit += 0.5;
  else if (STUDENT.test(title)) fit -= 1.6;
  else if (title === '') fit -= 0.3;
  if (employees !== null)
    fit += employees >= 1000 ? 0.8 : employees >= 200 ? 0.6 : employees >= 50 ? 0.3 : -0.4;
  if (TARGET_INDUSTRIES.has(industry)) fit += 0.6;
  else if (industry === 'education') fit -= 0.5;
  if (TARGET_COUNTRIES.has(String(traits.country))) fit += 0.2;
  return fit + 0.4 * normal(rng);
}

/** Draws one lead's latent state; the same number of draws for every lead. */
export function drawLatent(traits: JsonObject, weeks: number, rng: Rng): Latent {
  const fit = fitOf(traits, rng);
  const title = typeof traits.title === 'string' ? traits.title : '';
  const company = isRecord(traits.company) ? traits.company : {};
  const email = typeof traits.email === 'string' ? traits.email : '';
  const student = STUDENT.test(title) || email.endsWith('.edu');
  const competitor = company.industry === 'marketing-automation';
  const base = -0.9 + 0.3 * fit + 0.7 * normal(rng);
  // A buying cycle: more likely for a good fit; it may have begun before the period.
  const cycles = rng() < sigmoid(-0.9 + 0.9 * fit);
  const centre = -6 + rng() * (weeks + 6);
  const width = 2 + rng() * 6;
  const height = 1.2 + 1.2 * rng();
  const startWeek = rng() < 0.3 ? 0 : Math.floor(rng() * (weeks - 2));
  const badAddress = email !== '' && rng() < (FREE_MAIL.test(email) ? 0.12 : 0.04);
  const interest = new Float64Array(weeks);
  let drift = 0.5 * normal(rng);
  for (let w = 0; w < weeks; w++) {
    drift = 0.85 * drift + 0.3 * normal(rng);
    const bump = cycles ? height * Math.exp(-(((w - centre) / width) ** 2)) : 0;
    interest[w] = base + drift + bump;
  }
  return {
    fit,
    interest,
    startWeek,
    badAddress,
    nonBuyer: student || competitor,
    student,
    competitor,
  };
}

/** Mean interest over the weeks [from, to) clipped to the period. */
export function meanInterest(latent: Latent, from: number, to: number): number {
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(latent.interest.length, Math.ceil(to));
  if (b <= a) return latent.interest[Math.min(latent.interest.length - 1, Math.max(0, a))] ?? 0;
  let sum = 0;
  for (let w = a; w < b; w++) sum += latent.interest[w] as number;
  return sum / (b - a);
}

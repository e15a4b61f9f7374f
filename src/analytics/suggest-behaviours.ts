// Suggested engagement rules from count columns (how often each lead did an event): points per
// event from the weight of evidence of doing it at all, a lifetime cap from doing it repeatedly.
import { eventKey, type CompiledModel } from '../core/compile-model.js';
import type { Rule } from '../core/model-schema.js';
import { eventOfCountColumn } from '../ml/count-columns.js';
import type { Dataset } from '../ml/read-dataset.js';
import { behaviourCounts } from './behaviours.js';
import { AnalyticsError } from './errors.js';
import { informationValue, weightsOfEvidence, type GroupCounts } from './information-value.js';
import { MIN_VALUE_LEADS } from './suggest-groups.js';
import { pointsFromWoe, slug } from './suggest-points.js';

/** A count column and the event it counts. */
export interface Behaviour {
  column: string;
  event: string;
}

/** Doing the event this many times is "repeatedly": its WoE decides the rule's cap. */
export const REPEATS = 3;
/**
 * Fewer training leads than this did the event REPEATS times: too few to tell whether repeats
 * matter (the smoothed WoE of an almost empty group says more about the smoothing), so only the
 * first event counts. The same bar as a categorical value's.
 */
export const MIN_REPEAT_LEADS = MIN_VALUE_LEADS;

/** The behaviour of a count column: the event is the name, or what follows `did: `. */
export function behaviourOf(column: string): Behaviour {
  return { column, event: eventOfCountColumn(column) ?? column };
}

/** Training leads that did the event (at least once, or REPEATS times), and their WoE. */
export interface DidGroup extends GroupCounts {
  woe: number;
}

export interface SuggestedRule extends Behaviour {
  /** The rule id, `did-<event>`. */
  id: string;
  /** Information value of doing it at least once against not at all. */
  iv: number;
  once: DidGroup;
  repeated: DidGroup;
  /** Points per event: pointsFromWoe(once.woe); negative for events that go with not converting. */
  points: number;
  /** The most points (absolute) the rule gives a lead, for life. */
  cap: number;
}

export interface LeftOutBehaviour extends Behaviour {
  iv: number;
  points: number;
}

export { behaviourCounts };

/** Leads below `atLeast` and at or above it, with their conversions. */
function splitAt(counts: Float64Array, labels: Uint8Array, atLeast: number): GroupCounts[] {
  const did = { leads: 0, conversions: 0 };
  let conversions = 0;
  for (let i = 0; i < counts.length; i++) {
    conversions += labels[i]!;
    if (counts[i]! < atLeast) continue;
    did.leads++;
    did.conversions += labels[i]!;
  }
  return [{ leads: counts.length - did.leads, conversions: conversions - did.conversions }, did];
}

function didGroup(groups: GroupCounts[]): DidGroup {
  return { ...groups[1]!, woe: weightsOfEvidence(groups)[1]! };
}

/**
 * One behaviour's rule, learned on the training leads' counts and outcomes: points from the WoE
 * of doing it at least once; when doing it REPEATS times is worth more points of the same sign,
 * the cap is those points (the repeats count up to them), otherwise |points| (only the first
 * event counts).
 */
export function ruleOf(
  behaviour: Behaviour,
  counts: Float64Array,
  labels: Uint8Array,
  pdo: number,
): Omit<SuggestedRule, 'id'> {
  const onceGroups = splitAt(counts, labels, 1);
  const once = didGroup(onceGroups);
  const repeated = didGroup(splitAt(counts, labels, REPEATS));
  const points = pointsFromWoe(once.woe, pdo);
  const repeatPoints = pointsFromWoe(repeated.woe, pdo);
  const repeatsRaise =
    repeated.leads >= MIN_REPEAT_LEADS &&
    Math.sign(repeatPoints) === Math.sign(points) &&
    Math.abs(repeatPoints) > Math.abs(points);
  return {
    ...behaviour,
    iv: informationValue(onceGroups),
    once,
    repeated,
    points,
    cap: Math.abs(repeatsRaise ? repeatPoints : points),
  };
}

/**
 * The rules worth keeping, by IV highest first, with ids `did-<event>` not in `used` (which
 * gets them); the rest (IV below minIv, 0 points, done by no lead or by all) left out. Two columns of one event would
 * count each event twice: that is an error.
 */
export function suggestRules(
  dataset: Dataset,
  behaviours: readonly Behaviour[],
  train: { rows: readonly number[]; labels: Uint8Array },
  pdo: number,
  minIv: number,
  used: Set<string>,
): { rules: SuggestedRule[]; leftOut: LeftOutBehaviour[] } {
  const seen = new Map<string, string>();
  for (const b of behaviours) {
    const first = seen.get(eventKey(b.event));
    if (first !== undefined) {
      throw new AnalyticsError(
        'invalid_option',
        `--behaviours: columns "${first}" and "${b.column}" both count the event "${b.event}"`,
      );
    }
    seen.set(eventKey(b.event), b.column);
  }
  const kept: Omit<SuggestedRule, 'id'>[] = [];
  const leftOut: LeftOutBehaviour[] = [];
  for (const b of behaviours) {
    const rule = ruleOf(b, behaviourCounts(dataset, b.column, train.rows), train.labels, pdo);
    // Done by no training lead, or by every one: nothing to compare, whatever the smoothed WoE.
    const compared = rule.once.leads > 0 && rule.once.leads < train.rows.length;
    if (compared && rule.iv >= minIv && rule.points !== 0) kept.push(rule);
    else leftOut.push({ column: b.column, event: b.event, iv: rule.iv, points: rule.points });
  }
  const byIv = (a: { column: string; iv: number }, b: { column: string; iv: number }) =>
    b.iv - a.iv || (a.column < b.column ? -1 : 1);
  kept.sort(byIv);
  leftOut.sort(byIv);
  const rules = kept.map((rule) => {
    let id = `did-${slug(rule.event)}`;
    for (let n = 2; used.has(id); n++) id = `did-${slug(rule.event)}-${n}`;
    used.add(id);
    return { id, ...rule };
  });
  return { rules, leftOut };
}

function rate(g: GroupCounts): string {
  return `${((100 * g.conversions) / g.leads).toFixed(2)}%`;
}

/** The rule as the model file holds it: no decay, a lifetime cap. */
export function modelRule(r: SuggestedRule): Rule {
  const repeats =
    r.repeated.leads === 0
      ? `no training lead did it ${REPEATS} or more times`
      : `${REPEATS} or more times: ${r.repeated.conversions} of ${r.repeated.leads} converted ` +
        `(${rate(r.repeated)}), WoE ${r.repeated.woe.toFixed(3)}`;
  return {
    id: r.id,
    description:
      `${r.event} at least once: ${r.once.conversions} of ${r.once.leads} training leads ` +
      `converted (${rate(r.once)}), WoE ${r.once.woe.toFixed(3)}; ${repeats}`,
    category: 'engagement',
    event: r.event,
    points: r.points,
    cap: { points: r.cap },
  };
}

/** Each behaviour's counts over the same leads, with its event. */
export interface EventCounts {
  event: string;
  counts: Float64Array;
}

/**
 * The engagement a model's rules give each lead for its counts: every rule on a counted event
 * without a `where` gives sign(points) x min(|points| x count, cap). Counts have no times, so
 * nothing decays and a windowed cap is taken as if every event fell in one window.
 */
export function engagementOf(
  compiled: CompiledModel,
  behaviours: readonly EventCounts[],
  leads: number,
): Float64Array {
  const total = new Float64Array(leads);
  for (const { event, counts } of behaviours) {
    for (const rule of compiled.rulesByEvent.get(eventKey(event)) ?? []) {
      if (rule.where !== undefined) continue;
      const cap = rule.cap?.points ?? Infinity;
      const sign = Math.sign(rule.points);
      for (let i = 0; i < leads; i++) {
        total[i]! += sign * Math.min(Math.abs(rule.points) * counts[i]!, cap);
      }
    }
  }
  return total;
}

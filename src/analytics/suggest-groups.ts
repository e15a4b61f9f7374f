// How a suggested attribute's values are grouped before points: numeric columns into quantile
// ranges, categorical ones by value (rare values pooled), missing values on their own.
import type { Condition } from '../core/condition-schema.js';
import { isMissing, toNumber, toText } from '../core/values.js';
import { MISSING, OTHER } from '../ml/encoding-schema.js';
import { MAX_LEVELS } from '../ml/encoding.js';
import { WOE_SMOOTHING } from './information-value.js';
import { quantileBins } from './quantile-bins.js';

/** One group of an attribute (a value, a numeric range, missing, other) and its points. */
export interface SuggestedGroup {
  /** The criterion id, e.g. `age-30-39`. */
  id: string;
  /** What the group is, for people: `30 to 39`, `admin.`, `(missing)`. */
  label: string;
  when: Condition;
  leads: number;
  conversions: number;
  woe: number;
  points: number;
}

/** A categorical value seen fewer times in training is pooled into OTHER. */
export const MIN_VALUE_LEADS = 30;

function numberSlug(x: number): string {
  return x < 0 ? `minus${String(-x)}` : String(x);
}

/** A group before points: its counts, label, condition and id stem. */
interface RawGroup {
  label: string;
  stem: string;
  when: Condition;
  leads: number;
  conversions: number;
}

/** A numeric range from `lo` (inclusive) up to the next range's lowest value `next`. */
export interface Range {
  lo: number;
  next: number | undefined;
}

export interface Grouped {
  kind: 'categorical' | 'numeric';
  groups: RawGroup[];
  /** For numeric attributes: the range of each group (undefined for the missing group). */
  ranges?: (Range | undefined)[];
  integers?: boolean;
  /** Each training lead's index into `groups`. */
  member: Int32Array;
}

function counted(member: Int32Array, labels: Uint8Array, size: number) {
  const leads = new Float64Array(size);
  const conversions = new Float64Array(size);
  for (let i = 0; i < member.length; i++) {
    leads[member[i]!]!++;
    conversions[member[i]!]! += labels[i]!;
  }
  return { leads, conversions };
}

/**
 * The condition of a run of ranges: the first is open below (`lt`), the last open above
 * (`gte`), so values outside the training range still find a group; in between `between` when
 * every training value is whole, otherwise `gte` and `lt` together.
 */
export function rangeGroup(
  field: string,
  lo: number,
  next: number | undefined,
  first: boolean,
  integers: boolean,
): Pick<RawGroup, 'label' | 'stem' | 'when'> {
  if (first && next === undefined) {
    return { label: '(present)', stem: 'present', when: { field, exists: true } };
  }
  if (first)
    return {
      label: `below ${next}`,
      stem: `under-${numberSlug(next!)}`,
      when: { field, lt: next! },
    };
  if (next === undefined) {
    return { label: `${lo} or more`, stem: `${numberSlug(lo)}-plus`, when: { field, gte: lo } };
  }
  if (integers && lo === next - 1) {
    return { label: String(lo), stem: numberSlug(lo), when: { field, between: [lo, lo] } };
  }
  if (integers) {
    return {
      label: `${lo} to ${next - 1}`,
      stem: `${numberSlug(lo)}-${numberSlug(next - 1)}`,
      when: { field, between: [lo, next - 1] },
    };
  }
  return {
    label: `${lo} to below ${next}`,
    stem: `${numberSlug(lo)}-to-under-${numberSlug(next)}`,
    when: {
      all: [
        { field, gte: lo },
        { field, lt: next },
      ],
    },
  };
}

export function numericGroups(
  field: string,
  cells: string[],
  labels: Uint8Array,
  bins: number,
): Grouped {
  const values = new Float64Array(cells.length);
  let integers = true;
  for (let i = 0; i < cells.length; i++) {
    const x = isMissing(cells[i]) ? NaN : (toNumber(cells[i]) ?? NaN);
    values[i] = x;
    if (!Number.isNaN(x) && !Number.isInteger(x)) integers = false;
  }
  const binned = quantileBins(values, bins);
  const missing = binned.ranges.length;
  const member = Int32Array.from(binned.bin, (b) => (b < 0 ? missing : b));
  const { leads, conversions } = counted(member, labels, missing + 1);
  const ranges: (Range | undefined)[] = binned.ranges.map((range, k) => ({
    lo: range.min,
    next: binned.ranges[k + 1]?.min,
  }));
  const groups: RawGroup[] = ranges.map((range, k) => ({
    leads: leads[k]!,
    conversions: conversions[k]!,
    ...rangeGroup(field, range!.lo, range!.next, k === 0, integers),
  }));
  if (leads[missing]! > 0) {
    ranges.push(undefined);
    groups.push({
      leads: leads[missing]!,
      conversions: conversions[missing]!,
      label: MISSING,
      stem: 'missing',
      when: { field, exists: false },
    });
  }
  return { kind: 'numeric', groups, ranges, integers, member };
}

/**
 * Values compared as the engine compares them (trimmed, any case). Undefined for an
 * identifier-like column. Values seen fewer than MIN_VALUE_LEADS times, and any beyond the
 * MAX_LEVELS most frequent, are pooled into OTHER: every value not listed, as `notIn`.
 */
export function categoricalGroups(
  field: string,
  cells: string[],
  labels: Uint8Array,
): Grouped | undefined {
  const keys = cells.map((cell) => (isMissing(cell) ? undefined : (toText(cell) ?? '')));
  const counts = new Map<string, { n: number; shown: string }>();
  for (const [i, key] of keys.entries()) {
    if (key === undefined) continue;
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { n: 1, shown: cells[i]!.trim() });
  }
  if (counts.size > Math.max(MAX_LEVELS, cells.length / 2)) return undefined;
  const kept = [...counts.entries()]
    .filter(([, e]) => e.n >= MIN_VALUE_LEADS)
    .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LEVELS);
  const index = new Map(kept.map(([key], k) => [key, k]));
  const other = kept.length;
  const missing = kept.length + 1;
  const member = Int32Array.from(keys, (key) =>
    key === undefined ? missing : (index.get(key) ?? other),
  );
  const { leads, conversions } = counted(member, labels, missing + 1);
  const shown = kept.map(([, e]) => e.shown);
  const groups: RawGroup[] = kept.map(([, e], k) => ({
    leads: leads[k]!,
    conversions: conversions[k]!,
    label: e.shown,
    stem: e.shown,
    when: { field, in: [e.shown] },
  }));
  if (leads[other]! > 0) {
    groups.push({
      leads: leads[other]!,
      conversions: conversions[other]!,
      label: OTHER,
      stem: 'other',
      when: shown.length > 0 ? { field, notIn: shown } : { field, exists: true },
    });
  }
  if (leads[missing]! > 0) {
    groups.push({
      leads: leads[missing]!,
      conversions: conversions[missing]!,
      label: MISSING,
      stem: 'missing',
      when: { field, exists: false },
    });
  }
  // OTHER and MISSING are listed only when they have leads: renumber the members to match.
  const position = Int32Array.from({ length: missing + 1 }, (_, k) => k);
  if (leads[other] === 0) position[missing] = other;
  return { kind: 'categorical', groups, member: member.map((m) => position[m]!) };
}

/** A column is numeric when it has a value and every value present is a number to the engine. */
export function isNumericColumn(cells: string[]): boolean {
  let present = 0;
  for (const cell of cells) {
    if (isMissing(cell)) continue;
    if (toNumber(cell) === undefined) return false;
    present++;
  }
  return present > 0;
}

/**
 * Adjacent numeric ranges with the same points become one range. The merged WoE uses the same
 * smoothed shares (their sum), so it lies between the merged ones and rounds to the same points:
 * the merge changes no lead's fit, it only makes fewer, wider criteria. Groups are in value
 * order with the missing group (never merged) last.
 */
export function mergeEqualNeighbours(
  field: string,
  groups: SuggestedGroup[],
  ranges: readonly (Range | undefined)[],
  integers: boolean,
): SuggestedGroup[] {
  const k = groups.length;
  const totalConverted = groups.reduce((s, g) => s + g.conversions, 0) + WOE_SMOOTHING * k;
  const totalNot = groups.reduce((s, g) => s + g.leads - g.conversions, 0) + WOE_SMOOTHING * k;
  const count = ranges.filter((r) => r !== undefined).length;
  const out: SuggestedGroup[] = [];
  let start = 0;
  while (start < count) {
    let end = start;
    while (end + 1 < count && groups[end + 1]!.points === groups[start]!.points) end++;
    if (end === start) {
      out.push(groups[start]!);
    } else {
      const parts = groups.slice(start, end + 1);
      const leads = parts.reduce((s, g) => s + g.leads, 0);
      const conversions = parts.reduce((s, g) => s + g.conversions, 0);
      const m = parts.length;
      const converted = (conversions + WOE_SMOOTHING * m) / totalConverted;
      const notConverted = (leads - conversions + WOE_SMOOTHING * m) / totalNot;
      const shape = rangeGroup(field, ranges[start]!.lo, ranges[end]!.next, start === 0, integers);
      out.push({
        id: shape.stem,
        label: shape.label,
        when: shape.when,
        leads,
        conversions,
        woe: Math.log(converted / notConverted),
        points: groups[start]!.points,
      });
    }
    start = end + 1;
  }
  out.push(...groups.slice(count));
  return out;
}

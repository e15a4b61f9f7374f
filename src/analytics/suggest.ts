// Suggested points (a scorecard from data): fit criteria whose points are the weights of evidence
// of attribute values, scaled so that `pdo` points double the odds of converting, learned on the
// training part of the labelled leads and measured on the held-out fifth with the real engine.
import { compileModel, type CompiledModel } from '../core/compile-model.js';
import type { Condition } from '../core/condition-schema.js';
import { evaluateFit } from '../core/fit.js';
import type { ModelInput } from '../core/model-schema.js';
import { validateModel } from '../core/parse-model.js';
import { isMissing, toNumber, toText } from '../core/values.js';
import { MISSING, OTHER } from '../ml/encoding-schema.js';
import { MAX_LEVELS } from '../ml/encoding.js';
import { isHeldOut } from '../ml/holdout.js';
import { fitLogistic } from '../ml/logistic-regression.js';
import { lift, rocAuc } from '../ml/metrics.js';
import { columnIndex, type Dataset } from '../ml/read-dataset.js';
import { checkMinimum } from '../ml/target.js';
import { DEFAULT_BINS } from './analyze.js';
import { AnalyticsError } from './errors.js';
import { informationValue, WOE_SMOOTHING, weightsOfEvidence } from './information-value.js';
import { readOutcomes } from './outcomes.js';
import { quantileBins } from './quantile-bins.js';

/** Points that double the odds of converting when none are asked for. */
export const DEFAULT_PDO = 20;
/** Attributes below this information value are left out ("useless" by the rule of thumb). */
export const DEFAULT_MIN_IV = 0.02;
/** A categorical value seen fewer times in training is pooled into OTHER. */
export const MIN_VALUE_LEADS = 30;
/** Grade shares of the training leads by fit, best first; the last grade takes the rest. */
export const GRADE_SHARES = [
  { grade: 'A', share: 0.1 },
  { grade: 'B', share: 0.2 },
  { grade: 'C', share: 0.3 },
  { grade: 'D', share: 0.2 },
] as const;
export const LAST_GRADE = 'E';
/** The share of training leads (by fit) the high-fit segment admits. */
export const HIGH_FIT_SHARE = 0.2;
/** The share of held-out leads (by fit) whose conversion rate the lift is taken over. */
export const LIFT_SHARE = 0.1;

export interface SuggestOptions {
  target: string;
  positive?: string;
  exclude?: readonly string[];
  bins?: number;
  pdo?: number;
  minIv?: number;
  /** woe: points from each group's WoE; lr: WoE times the attribute's regression weight. */
  method?: SuggestMethod;
}

export const METHODS = ['woe', 'lr'] as const;
export type SuggestMethod = (typeof METHODS)[number];

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

export interface SuggestedAttribute {
  name: string;
  kind: 'categorical' | 'numeric';
  iv: number;
  /** What the WoE is multiplied by: 1, or the regression coefficient (method lr). */
  weight: number;
  /** Every group, 0 points included (those become no criterion). */
  groups: SuggestedGroup[];
}

export interface HeldOutFigures {
  auc: number;
  /** Conversion rate in the top LIFT_SHARE by fit over the held-out rate. */
  lift: number;
}

export interface Suggestion {
  source: string;
  target: string;
  positive: readonly string[];
  pdo: number;
  minIv: number;
  bins: number;
  method: SuggestMethod;
  train: { leads: number; conversions: number };
  heldOut: { leads: number; conversions: number };
  /** Chosen (IV >= minIv), by IV highest first. */
  attributes: SuggestedAttribute[];
  /** Below minIv, by IV highest first. */
  leftOut: { name: string; iv: number }[];
  /** Method lr: attributes with IV >= minIv that the regression gave no positive weight. */
  redundant: { name: string; iv: number }[];
  /** Identifier-like columns (nearly every value distinct). */
  skipped: string[];
  /** Grades whose cut equalled the one above (they could never be given), left out. */
  droppedGrades: string[];
  model: ModelInput;
  /** The suggested model's fit on the held-out leads. */
  figures: HeldOutFigures;
}

/** Half away from zero, so that +x and -x get opposite points. */
function roundHalfAway(x: number): number {
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return r === 0 ? 0 : r;
}

/** Points of a weight of evidence: WoE x pdo / ln 2, rounded (pdo points double the odds). */
export function pointsFromWoe(woe: number, pdo: number): number {
  return roundHalfAway((woe * pdo) / Math.LN2);
}

/** Text usable in an id: letters, digits, `_`, `-`, `.`; starting with a letter or digit. */
function slug(text: string, allowDot = true): string {
  const s = text.replace(allowDot ? /[^A-Za-z0-9_.-]+/g : /[^A-Za-z0-9_-]+/g, '_');
  return /^[A-Za-z0-9]/.test(s) ? s : `x${s}`;
}

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
interface Range {
  lo: number;
  next: number | undefined;
}

interface Grouped {
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
function rangeGroup(
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

function numericGroups(field: string, cells: string[], labels: Uint8Array, bins: number): Grouped {
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
function categoricalGroups(
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
function isNumericColumn(cells: string[]): boolean {
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
function mergeEqualNeighbours(
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

/** An attribute's groups and their weights of evidence, before points. */
interface Candidate extends Grouped {
  name: string;
  iv: number;
  woe: number[];
}

function candidateOf(
  name: string,
  cells: string[],
  labels: Uint8Array,
  bins: number,
): Candidate | undefined {
  const grouped = isNumericColumn(cells)
    ? numericGroups(name, cells, labels, bins)
    : categoricalGroups(name, cells, labels);
  if (grouped === undefined) return undefined;
  return {
    ...grouped,
    name,
    iv: informationValue(grouped.groups),
    woe: weightsOfEvidence(grouped.groups),
  };
}

/** The attribute's groups with points = round(weight x WoE x pdo / ln 2), equal ranges merged. */
function finish(c: Candidate, pdo: number, weight: number): SuggestedAttribute {
  const groups: SuggestedGroup[] = c.groups.map((g, k) => ({
    id: g.stem,
    label: g.label,
    when: g.when,
    leads: g.leads,
    conversions: g.conversions,
    woe: c.woe[k]!,
    points: pointsFromWoe(weight * c.woe[k]!, pdo),
  }));
  return {
    name: c.name,
    kind: c.kind,
    iv: c.iv,
    weight,
    groups:
      c.ranges === undefined
        ? groups
        : mergeEqualNeighbours(c.name, groups, c.ranges, c.integers ?? false),
  };
}

/**
 * Logistic regression on the attributes' WoE values (one feature per attribute, the lead's
 * group's WoE): its coefficient is the attribute's weight, which corrects the plain sum of
 * WoE for attributes that tell the same story. An attribute whose weight comes out <= 0 adds
 * nothing the others do not already say: it is left out and the rest refitted.
 */
function regressionWeights(
  chosen: Candidate[],
  labels: Uint8Array,
): { weights: number[]; kept: Candidate[]; dropped: Candidate[] } {
  let kept = chosen;
  const dropped: Candidate[] = [];
  for (;;) {
    const params = fitLogistic(
      { columns: kept.map((c) => ({ name: c.name, type: 'numeric', mean: 0, missing: false })) },
      kept.map((c) => Float64Array.from(c.member, (m) => c.woe[m]!)),
      labels,
    );
    const weights = params.coefficients;
    if (weights.every((w) => w > 0) || kept.length === 1) return { weights, kept, dropped };
    dropped.push(...kept.filter((_, j) => !(weights[j]! > 0)));
    kept = kept.filter((_, j) => weights[j]! > 0);
    if (kept.length === 0) return { weights: [], kept, dropped };
  }
}

/** A lead as the engine reads it: the row's cells under their column names. */
export function leadOf(columns: readonly string[], row: readonly string[]): Record<string, string> {
  const lead: Record<string, string> = {};
  for (const [c, name] of columns.entries()) lead[name] = row[c] ?? '';
  return lead;
}

export function fitsOf(compiled: CompiledModel, dataset: Dataset, rows: readonly number[]) {
  return Float64Array.from(
    rows,
    (r) => evaluateFit(compiled, leadOf(dataset.columns, dataset.rows[r]!)).fit,
  );
}

/** ROC AUC and top-decile lift of a model's fit over the held-out leads. */
export function heldOutFigures(compiled: CompiledModel, dataset: Dataset, split: Split) {
  const fits = fitsOf(compiled, dataset, split.heldOut.rows);
  return {
    auc: rocAuc(split.heldOut.labels, fits),
    lift: lift(split.heldOut.labels, fits, LIFT_SHARE),
  };
}

export interface Part {
  rows: number[];
  labels: Uint8Array;
}

export interface Split {
  train: Part;
  heldOut: Part;
}

/**
 * The labelled leads split as `leadscore train` splits them: the k-th lead with an outcome (in
 * file order) is held out when isHeldOut(k) (SHA-256 of k, mod 100, below 20).
 */
export function splitOutcomes(rows: readonly number[], labels: Uint8Array): Split {
  const train = { rows: [] as number[], labels: [] as number[] };
  const heldOut = { rows: [] as number[], labels: [] as number[] };
  for (let k = 0; k < rows.length; k++) {
    const part = isHeldOut(k) ? heldOut : train;
    part.rows.push(rows[k]!);
    part.labels.push(labels[k]!);
  }
  return {
    train: { rows: train.rows, labels: Uint8Array.from(train.labels) },
    heldOut: { rows: heldOut.rows, labels: Uint8Array.from(heldOut.labels) },
  };
}

/** The fit reached by the top `share` of leads: the ceil(share x n)-th highest fit. */
function cutAt(sortedDescending: Float64Array, share: number): number {
  const count = Math.ceil(share * sortedDescending.length - 1e-9);
  return sortedDescending[Math.min(sortedDescending.length, Math.max(1, count)) - 1]!;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new AnalyticsError('invalid_option', message);
}

function sum(labels: Uint8Array): number {
  return labels.reduce((s, y) => s + y, 0);
}

export function suggest(dataset: Dataset, options: SuggestOptions): Suggestion {
  const bins = options.bins ?? DEFAULT_BINS;
  const pdo = options.pdo ?? DEFAULT_PDO;
  const minIv = options.minIv ?? DEFAULT_MIN_IV;
  const method = options.method ?? 'woe';
  check(Number.isInteger(bins) && bins >= 2, `--bins: expected a whole number >= 2, got ${bins}`);
  check(Number.isFinite(pdo) && pdo > 0, `--pdo: expected a number > 0, got ${pdo}`);
  check(Number.isFinite(minIv) && minIv >= 0, `--min-iv: expected a number >= 0, got ${minIv}`);
  check(METHODS.includes(method), `--method: expected ${METHODS.join(' or ')}, got ${method}`);
  const outcomes = readOutcomes(dataset, options.target, options.positive);
  const converted = sum(outcomes.labels);
  checkMinimum(converted, outcomes.rows.length - converted, options.target);
  const excluded = new Set(
    (options.exclude ?? []).map((n) => columnIndex(dataset, n, '--exclude')),
  );
  excluded.add(outcomes.target);
  const split = splitOutcomes(outcomes.rows, outcomes.labels);
  const { train } = split;

  const candidates: Candidate[] = [];
  const leftOut: { name: string; iv: number }[] = [];
  const skipped: string[] = [];
  for (const [c, name] of dataset.columns.entries()) {
    if (excluded.has(c)) continue;
    const cells = train.rows.map((r) => dataset.rows[r]![c]!);
    const candidate = candidateOf(name, cells, train.labels, bins);
    if (candidate === undefined) skipped.push(name);
    else if (candidate.iv >= minIv) candidates.push(candidate);
    else leftOut.push({ name, iv: candidate.iv });
  }
  const byIv = (a: { name: string; iv: number }, b: { name: string; iv: number }) =>
    b.iv - a.iv || (a.name < b.name ? -1 : 1);
  candidates.sort(byIv);
  leftOut.sort(byIv);
  let chosen: SuggestedAttribute[];
  let redundant: { name: string; iv: number }[] = [];
  if (method === 'lr' && candidates.length > 0) {
    const fitted = regressionWeights(candidates, train.labels);
    chosen = fitted.kept.map((c, j) => finish(c, pdo, fitted.weights[j]!));
    redundant = fitted.dropped.map((c) => ({ name: c.name, iv: c.iv })).sort(byIv);
  } else {
    chosen = candidates.map((c) => finish(c, pdo, 1));
  }
  const used = new Set<string>();
  for (const attribute of chosen) {
    for (const group of attribute.groups) {
      let id = `${slug(attribute.name)}-${slug(group.id)}`;
      for (let n = 2; used.has(id); n++) id = `${slug(attribute.name)}-${slug(group.id)}-${n}`;
      used.add(id);
      group.id = id;
    }
  }
  const criteria = chosen.flatMap((attribute) =>
    attribute.groups
      .filter((g) => g.points !== 0)
      .map((g) => ({
        id: g.id,
        description:
          `${attribute.name} ${g.label}: ${g.conversions} of ${g.leads} training leads ` +
          `converted (${((100 * g.conversions) / g.leads).toFixed(2)}%), WoE ${g.woe.toFixed(3)}`,
        category: slug(attribute.name, false),
        when: g.when,
        points: g.points,
      })),
  );
  if (criteria.length === 0) {
    throw new AnalyticsError(
      'no_outcomes',
      `${dataset.source}: no attribute reaches --min-iv ${minIv} with a group worth a point ` +
        '(lower --min-iv or raise --pdo)',
    );
  }

  const base: ModelInput = {
    name: `suggested-${options.target}`,
    fit: { criteria },
    segments: [{ id: 'all', stage: 'tofu' }],
  };
  const trainFits = fitsOf(compileModel(validateModel(base)), dataset, train.rows)
    .sort()
    .reverse();
  const grades: { grade: string; min?: number }[] = [];
  const droppedGrades: string[] = [];
  let above = 0;
  for (const { grade, share } of GRADE_SHARES) {
    above += share;
    const min = cutAt(trainFits, above);
    if (grades.length > 0 && grades[grades.length - 1]!.min === min) droppedGrades.push(grade);
    else grades.push({ grade, min });
  }
  grades.push({ grade: LAST_GRADE });
  const highFit = cutAt(trainFits, HIGH_FIT_SHARE);
  const model: ModelInput = {
    name: base.name,
    description:
      `Fit points from weights of evidence${method === 'lr' ? ' weighted by logistic regression' : ''} ` +
      `on ${train.rows.length} training leads of ${dataset.source}: ${pdo} points double the odds ` +
      'of converting',
    fit: { criteria, grades },
    segments: [
      {
        id: 'high-fit',
        description: `The top ${HIGH_FIT_SHARE * 100}% of training leads by fit`,
        min: highFit,
        stage: 'mofu',
      },
      { id: 'other', description: 'Every other lead', stage: 'tofu' },
    ],
  };
  return {
    source: dataset.source,
    target: options.target,
    positive: outcomes.positive,
    pdo,
    minIv,
    bins,
    method,
    train: { leads: train.rows.length, conversions: sum(train.labels) },
    heldOut: { leads: split.heldOut.rows.length, conversions: sum(split.heldOut.labels) },
    attributes: chosen,
    leftOut,
    redundant,
    skipped,
    droppedGrades,
    model,
    figures: heldOutFigures(compileModel(validateModel(model)), dataset, split),
  };
}

/** The held-out split of a dataset's labelled leads, for scoring another model on it. */
export function heldOutSplit(dataset: Dataset, target: string, positive?: string): Split {
  const outcomes = readOutcomes(dataset, target, positive);
  return splitOutcomes(outcomes.rows, outcomes.labels);
}

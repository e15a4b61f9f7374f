// Suggested points (a scorecard from data): fit criteria whose points are the weights of evidence
// of attribute values (and engagement rules from count columns), scaled so that `pdo` points
// double the odds of converting, learned on the training part of the labelled leads and measured
// on the held-out fifth with the real engine.
import { compileModel } from '../core/compile-model.js';
import type { ModelInput } from '../core/model-schema.js';
import { validateModel } from '../core/parse-model.js';
import { fitLogistic } from '../ml/logistic-regression.js';
import { columnIndex, type Dataset } from '../ml/read-dataset.js';
import { checkMinimum } from '../ml/target.js';
import { DEFAULT_BINS } from './analyze.js';
import { AnalyticsError } from './errors.js';
import { informationValue, weightsOfEvidence } from './information-value.js';
import { readOutcomes } from './outcomes.js';
import {
  modelRule,
  suggestRules,
  type Behaviour,
  type LeftOutBehaviour,
  type SuggestedRule,
} from './suggest-behaviours.js';
import {
  categoricalGroups,
  isNumericColumn,
  mergeEqualNeighbours,
  numericGroups,
  type Grouped,
  type SuggestedGroup,
} from './suggest-groups.js';
import {
  fitsOf,
  heldOutFigures,
  scoresOf,
  splitOutcomes,
  type HeldOutFigures,
} from './suggest-held-out.js';
import { pointsFromWoe, slug } from './suggest-points.js';

export { MIN_VALUE_LEADS, type SuggestedGroup } from './suggest-groups.js';
export { pointsFromWoe } from './suggest-points.js';
export {
  fitsOf,
  heldOutFigures,
  heldOutSplit,
  LIFT_SHARE,
  scoresOf,
  splitOutcomes,
  type HeldOutFigures,
  type Part,
  type Split,
} from './suggest-held-out.js';

/** Points that double the odds of converting when none are asked for. */
export const DEFAULT_PDO = 20;
/** Attributes below this information value are left out ("useless" by the rule of thumb). */
export const DEFAULT_MIN_IV = 0.02;
/** Grade shares of the training leads by fit, best first; the last grade takes the rest. */
export const GRADE_SHARES = [
  { grade: 'A', share: 0.1 },
  { grade: 'B', share: 0.2 },
  { grade: 'C', share: 0.3 },
  { grade: 'D', share: 0.2 },
] as const;
export const LAST_GRADE = 'E';
/** The share of training leads (by fit, or by score when there are rules) the top segment admits. */
export const HIGH_FIT_SHARE = 0.2;

export interface SuggestOptions {
  target: string;
  positive?: string;
  exclude?: readonly string[];
  bins?: number;
  pdo?: number;
  minIv?: number;
  /** woe: points from each group's WoE; lr: WoE times the attribute's regression weight. */
  method?: SuggestMethod;
  /**
   * Count columns (how many times each lead did the event) that become engagement rules, not
   * fit criteria. Their points come from WoE alone, whatever the method.
   */
  behaviours?: readonly Behaviour[];
}

export const METHODS = ['woe', 'lr'] as const;
export type SuggestMethod = (typeof METHODS)[number];

export interface SuggestedAttribute {
  name: string;
  kind: 'categorical' | 'numeric';
  iv: number;
  /** What the WoE is multiplied by: 1, or the regression coefficient (method lr). */
  weight: number;
  /** Every group, 0 points included (those become no criterion). */
  groups: SuggestedGroup[];
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
  /** The count columns given (options.behaviours), in that order. */
  behaviours: readonly Behaviour[];
  /** Engagement rules from the behaviours kept, by IV highest first. */
  rules: SuggestedRule[];
  /** Behaviours with IV below minIv or 0 points, by IV highest first. */
  leftOutBehaviours: LeftOutBehaviour[];
  model: ModelInput;
  /** How the suggested model's score ranks the held-out leads. */
  figures: HeldOutFigures;
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

/** The score reached by the top `share` of leads: the ceil(share x n)-th highest score. */
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
  const behaviours = options.behaviours ?? [];
  for (const b of behaviours) {
    const c = columnIndex(dataset, b.column, '--behaviours');
    check(c !== outcomes.target, `--behaviours: "${b.column}" is the target column`);
    excluded.add(c);
  }
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
  const { rules, leftOut: leftOutBehaviours } = suggestRules(
    dataset,
    behaviours,
    train,
    pdo,
    minIv,
    used,
  );
  if (criteria.length === 0 && rules.length === 0) {
    throw new AnalyticsError(
      'no_outcomes',
      `${dataset.source}: no attribute${behaviours.length > 0 ? ' or behaviour' : ''} reaches ` +
        `--min-iv ${minIv} with a group worth a point (lower --min-iv or raise --pdo)`,
    );
  }
  const engagement = rules.length === 0 ? undefined : { rules: rules.map(modelRule) };

  const base: ModelInput = {
    name: `suggested-${options.target}`,
    fit: { criteria },
    ...(engagement === undefined ? {} : { engagement }),
    segments: [{ id: 'all', stage: 'tofu' }],
  };
  const compiledBase = compileModel(validateModel(base));
  const trainFits = fitsOf(compiledBase, dataset, train.rows).sort().reverse();
  // Grades go by fit (as the engine grades); the segment by score, which rules add to.
  const trainScores =
    engagement === undefined
      ? trainFits
      : scoresOf(compiledBase, dataset, train.rows, behaviours).sort().reverse();
  const grades: { grade: string; min?: number }[] = [];
  const droppedGrades: string[] = [];
  let above = 0;
  // Without fit criteria every fit is 0: no grade could tell leads apart.
  for (const { grade, share } of criteria.length === 0 ? [] : GRADE_SHARES) {
    above += share;
    const min = cutAt(trainFits, above);
    if (grades.length > 0 && grades[grades.length - 1]!.min === min) droppedGrades.push(grade);
    else grades.push({ grade, min });
  }
  if (criteria.length > 0) grades.push({ grade: LAST_GRADE });
  const high = cutAt(trainScores, HIGH_FIT_SHARE);
  const model: ModelInput = {
    name: base.name,
    description:
      `Fit points from weights of evidence${method === 'lr' ? ' weighted by logistic regression' : ''}` +
      `${engagement === undefined ? '' : ', engagement points from doing each event at all'} ` +
      `on ${train.rows.length} training leads of ${dataset.source}: ${pdo} points double the odds ` +
      'of converting',
    fit: criteria.length === 0 ? { criteria } : { criteria, grades },
    ...(engagement === undefined ? {} : { engagement }),
    segments: [
      engagement === undefined
        ? {
            id: 'high-fit',
            description: `The top ${HIGH_FIT_SHARE * 100}% of training leads by fit`,
            min: high,
            stage: 'mofu',
          }
        : {
            id: 'high-score',
            description: `The top ${HIGH_FIT_SHARE * 100}% of training leads by score (fit + engagement)`,
            min: high,
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
    behaviours,
    rules,
    leftOutBehaviours,
    model,
    figures: heldOutFigures(compileModel(validateModel(model)), dataset, split, behaviours),
  };
}

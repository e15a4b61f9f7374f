// Compiles a validated model into the form the engine runs: predicates, indexes, milliseconds.
import type { Model, Stage } from './model-schema.js';
import { compileCondition, type Predicate } from './condition.js';

export const DAY_MS = 86_400_000;
export const DEFAULT_FIT_CATEGORY = 'fit';
export const DEFAULT_ENGAGEMENT_CATEGORY = 'engagement';

export interface CompiledCriterion {
  index: number;
  id: string;
  category: string;
  points: number;
  when: Predicate;
}

export interface CompiledRule {
  index: number;
  id: string;
  category: string;
  points: number;
  where: Predicate | undefined;
  /** Cap in absolute points, and its sliding window in ms (undefined: lifetime). */
  cap: { points: number; windowMs: number | undefined } | undefined;
  /** Half-life in ms (undefined: no decay). */
  halfLifeMs: number | undefined;
  /** Index of the segment this rule's events fast-track to. */
  qualifies: number | undefined;
}

export interface CompiledSegment {
  index: number;
  id: string;
  stage: Stage;
  min: number | undefined;
  above: number | undefined;
  /** Rank of the lowest admitted grade (0 = best); undefined admits every grade. */
  minGradeRank: number | undefined;
  /** Entering it hands the lead to sales. */
  qualified: boolean;
}

export interface CompiledModel {
  model: Model;
  criteria: CompiledCriterion[];
  rules: CompiledRule[];
  /** Rules by normalised event name (trimmed, lower case). */
  rulesByEvent: Map<string, CompiledRule[]>;
  grades: { grade: string; min: number | undefined }[];
  segments: CompiledSegment[];
  /** Every category the model defines, in order of first use. */
  categories: string[];
}

export function eventKey(name: string): string {
  return name.trim().toLowerCase();
}

export function compileModel(model: Model): CompiledModel {
  const categories: string[] = [];
  const useCategory = (name: string) => {
    if (!categories.includes(name)) categories.push(name);
    return name;
  };
  const criteria = model.fit.criteria.map((c, index) => ({
    index,
    id: c.id,
    category: useCategory(c.category ?? DEFAULT_FIT_CATEGORY),
    points: c.points,
    when: compileCondition(c.when),
  }));
  const segmentIndex = new Map(model.segments.map((s, i) => [s.id, i]));
  const grades = (model.fit.grades ?? []).map((g) => ({ grade: g.grade, min: g.min }));
  const gradeRank = new Map(grades.map((g, i) => [g.grade, i]));
  const rules = model.engagement.rules.map((r, index): CompiledRule => {
    const halfLifeDays = r.halfLifeDays ?? model.engagement.halfLifeDays;
    return {
      index,
      id: r.id,
      category: useCategory(r.category ?? DEFAULT_ENGAGEMENT_CATEGORY),
      points: r.points,
      where: r.where ? compileCondition(r.where) : undefined,
      cap: r.cap
        ? {
            points: r.cap.points,
            windowMs: r.cap.days === undefined ? undefined : r.cap.days * DAY_MS,
          }
        : undefined,
      halfLifeMs: halfLifeDays === undefined ? undefined : halfLifeDays * DAY_MS,
      qualifies: r.qualifies === undefined ? undefined : segmentIndex.get(r.qualifies),
    };
  });
  const rulesByEvent = new Map<string, CompiledRule[]>();
  for (const rule of rules) {
    const key = eventKey(model.engagement.rules[rule.index]?.event ?? '');
    const list = rulesByEvent.get(key);
    if (list) list.push(rule);
    else rulesByEvent.set(key, [rule]);
  }
  const segments = model.segments.map((s, index) => ({
    index,
    id: s.id,
    stage: s.stage,
    min: s.min,
    above: s.above,
    minGradeRank: s.minGrade === undefined ? undefined : gradeRank.get(s.minGrade),
    qualified: s.qualified === true,
  }));
  return { model, criteria, rules, rulesByEvent, grades, segments, categories };
}

// What is legal in a model but suspicious: unreachable grades and segments, useless caps, rules,
// criteria and fast-tracks, conditions that can never hold. Each warning is exact, never a guess.
import { eventKey } from './compile-model.js';
import { conditionWarnings } from './condition-warnings.js';
import type { ModelProblem } from './model-errors.js';
import type { Model, Segment } from './model-schema.js';

export function modelWarnings(model: Model): ModelProblem[] {
  return [
    ...criterionWarnings(model),
    ...gradeWarnings(model),
    ...ruleWarnings(model),
    ...segmentWarnings(model),
  ];
}

function criterionWarnings(model: Model): ModelProblem[] {
  return model.fit.criteria.flatMap((c, i) => {
    const path = `fit.criteria[${i}]`;
    const out = conditionWarnings(c.when, `${path}.when`);
    if (c.points === 0) {
      out.unshift({ path: `${path}.points`, message: '0 points: the criterion adds nothing' });
    }
    return out;
  });
}

/** A grade is never given when an earlier one has no min, or a min at or below its own. */
function gradeWarnings(model: Model): ModelProblem[] {
  const grades = model.fit.grades ?? [];
  const out: ModelProblem[] = [];
  for (const [i, g] of grades.entries()) {
    if (g.min === undefined) {
      const after = grades.slice(i + 1).map((x) => `"${x.grade}"`);
      if (after.length > 0) {
        out.push({
          path: `fit.grades[${i}]`,
          message: `grade "${g.grade}" has no min, so it takes every lead the grades above leave: ${after.join(', ')} after it can never be given; only the last grade goes without min`,
        });
      }
      break;
    }
    const min = g.min;
    const earlier = grades.slice(0, i).find((x) => x.min !== undefined && x.min <= min);
    if (earlier) {
      out.push({
        path: `fit.grades[${i}].min`,
        message: `grade "${g.grade}" can never be given: grade "${earlier.grade}" above it already takes every fit >= ${earlier.min}; list grades from the highest min down`,
      });
    }
  }
  return out;
}

function ruleWarnings(model: Model): ModelProblem[] {
  const out: ModelProblem[] = [];
  const unconditional = new Map<string, number>();
  const catchAll = model.segments.findIndex(isCatchAll);
  for (const [i, r] of model.engagement.rules.entries()) {
    const path = `engagement.rules[${i}]`;
    if (r.points === 0 && r.qualifies === undefined) {
      out.push({
        path: `${path}.points`,
        message: '0 points and no qualifies: the rule does nothing',
      });
    }
    if (r.cap && r.cap.points < Math.abs(r.points)) {
      out.push({
        path: `${path}.cap.points`,
        message: `cap ${r.cap.points} is below the rule's ${Math.abs(r.points)} points: the first event already reaches the cap and is cut to ${r.cap.points}`,
      });
    }
    if (r.where === undefined) {
      const first = unconditional.get(eventKey(r.event));
      if (first === undefined) unconditional.set(eventKey(r.event), i);
      else {
        out.push({
          path,
          message: `rule "${r.id}" and rule "${model.engagement.rules[first]?.id ?? ''}" (engagement.rules[${first}]) both match every "${r.event.trim()}" event (no where): each such event counts twice`,
        });
      }
    }
    if (r.where) out.push(...conditionWarnings(r.where, `${path}.where`));
    const target = model.segments.findIndex((s) => s.id === r.qualifies);
    if (r.qualifies !== undefined && catchAll !== -1 && catchAll <= target) {
      out.push({
        path: `${path}.qualifies`,
        message:
          catchAll === target
            ? `segment "${r.qualifies}" already admits every lead the segments above it leave (no min, above or minGrade): the fast-track has no effect`
            : `segment "${model.segments[catchAll]?.id ?? ''}" above "${r.qualifies}" takes every lead: the fast-track has no effect`,
      });
    }
  }
  return out;
}

function segmentWarnings(model: Model): ModelProblem[] {
  const grades = (model.fit.grades ?? []).map((g) => g.grade);
  // Admitted grades are ranks 0..rank; the last grade's rank admits every grade.
  const rankOf = (s: Segment) => {
    const rank = s.minGrade === undefined ? -1 : grades.indexOf(s.minGrade);
    return rank === -1 || rank >= grades.length - 1 ? Infinity : rank;
  };
  const targets = new Set(model.engagement.rules.map((r) => r.qualifies));
  const maximum = maximumScore(model);
  const out: ModelProblem[] = [];
  for (const [i, s] of model.segments.entries()) {
    const path = `segments[${i}]`;
    const earlier = model.segments.slice(0, i);
    const catchAll = earlier.find(isCatchAll);
    if (catchAll) break;
    if (isCatchAll(s) && i < model.segments.length - 1) {
      const after = model.segments.slice(i + 1).map((x) => `"${x.id}"`);
      out.push({
        path,
        message: `segment "${s.id}" has no min, above or minGrade, so it takes every lead the segments above leave: ${after.join(', ')} after it can never be chosen`,
      });
      continue;
    }
    if (targets.has(s.id)) continue; // a fast-track reaches it whatever its bound says
    const bound = boundOf(s);
    const shadow = earlier.find((e) => implies(bound, boundOf(e)) && rankOf(s) <= rankOf(e));
    if (shadow) {
      out.push({
        path,
        message: `segment "${s.id}" can never be chosen: every lead it admits (${describe(s)}) is taken first by segment "${shadow.id}" above it (${describe(shadow)})`,
      });
      continue;
    }
    const boundPath = `${path}.${s.min !== undefined ? 'min' : 'above'}`;
    if (maximum !== undefined && bound.value !== -Infinity) {
      const slack = maximum.exact ? 0 : 1e-9 * Math.max(1, Math.abs(maximum.score));
      const ceiling = maximum.score + slack;
      if (bound.open ? bound.value >= ceiling : bound.value > ceiling) {
        out.push({
          path: boundPath,
          message: `no lead can reach ${describeBound(bound)}: the highest possible score is ${maximum.score} (every positive criterion, and every positive rule up to its lifetime cap)`,
        });
        continue;
      }
    }
    const lower = earlier.find(
      (e) => -Infinity < boundOf(e).value && boundOf(e).value < bound.value,
    );
    if (lower) {
      out.push({
        path: boundPath,
        message: `${describeBound(bound)} is above the bound of segment "${lower.id}" above it (${describe(lower)}): only leads that "${lower.id}" refuses by grade get here; list segments from the highest bound down`,
      });
    }
  }
  return out;
}

function isCatchAll(s: Segment): boolean {
  return s.min === undefined && s.above === undefined && s.minGrade === undefined;
}

/** A segment's score bound: score >= value, or score > value when open. */
interface Bound {
  value: number;
  open: boolean;
}

function boundOf(s: Segment): Bound {
  if (s.min !== undefined) return { value: s.min, open: false };
  if (s.above !== undefined) return { value: s.above, open: true };
  return { value: -Infinity, open: false };
}

/** Every score that passes `a` passes `b`. */
function implies(a: Bound, b: Bound): boolean {
  return b.value < a.value || (b.value === a.value && (!b.open || a.open));
}

function describeBound(b: Bound): string {
  return b.value === -Infinity ? 'any score' : `score ${b.open ? '>' : '>='} ${b.value}`;
}

function describe(s: Segment): string {
  const grade = s.minGrade === undefined ? '' : `, grade ${s.minGrade} or better`;
  return `${describeBound(boundOf(s))}${grade}`;
}

/**
 * The highest score any lead can reach, when it is bounded: every positive rule has a lifetime
 * cap (decay only shrinks awards). `exact` when every term is an integer, so float sums are exact.
 */
function maximumScore(model: Model): { score: number; exact: boolean } | undefined {
  const terms: number[] = model.fit.criteria.map((c) => Math.max(0, c.points));
  for (const r of model.engagement.rules) {
    if (r.points <= 0) continue;
    if (!r.cap || r.cap.days !== undefined) return undefined;
    terms.push(r.cap.points);
  }
  const score = terms.reduce((sum, t) => sum + t, 0);
  return { score, exact: terms.every(Number.isInteger) && Number.isSafeInteger(score) };
}

// Finds parts of a condition that can never hold (contradictory tests in an `all`), exactly.
import type { Condition, LeafCondition, Operator } from './condition-schema.js';
import { OPERATORS } from './condition-schema.js';
import type { ModelProblem } from './model-errors.js';
import { toNumber, toText } from './values.js';

type Scalar = string | number | boolean;

/**
 * Warnings for the outermost parts of `condition` (at `path`) that no record can satisfy: an
 * `all` whose tests on one field contradict each other, or a `not` of a condition that always
 * holds. Only what can be decided exactly from the reference semantics is reported.
 */
export function conditionWarnings(condition: Condition, path: string): ModelProblem[] {
  const out: ModelProblem[] = [];
  walk(condition, path, out);
  return out;
}

function walk(condition: Condition, path: string, out: ModelProblem[]): void {
  if ('all' in condition) {
    const reason = contradiction(condition.all);
    if (reason !== undefined) out.push({ path, message: `can never hold: ${reason}` });
    else condition.all.forEach((c, i) => walk(c, `${path}.all[${i}]`, out));
  } else if ('any' in condition) {
    condition.any.forEach((c, i) => walk(c, `${path}.any[${i}]`, out));
  } else if ('not' in condition) {
    if (alwaysHolds(condition.not)) {
      out.push({ path, message: 'can never hold: the condition under `not` always holds' });
    } else walk(condition.not, `${path}.not`, out);
  } else {
    const reason = contradiction([condition]);
    if (reason !== undefined) out.push({ path, message: `can never hold: ${reason}` });
  }
}

function neverHolds(condition: Condition): boolean {
  if ('all' in condition) {
    return contradiction(condition.all) !== undefined || condition.all.some(neverHolds);
  }
  if ('any' in condition) return condition.any.every(neverHolds);
  if ('not' in condition) return alwaysHolds(condition.not);
  return contradiction([condition]) !== undefined;
}

/** Holds for every record: `any` of `exists: true` and `exists: false` on one field, and the like. */
function alwaysHolds(condition: Condition): boolean {
  if ('all' in condition) return condition.all.every(alwaysHolds);
  if ('any' in condition) {
    if (condition.any.some(alwaysHolds)) return true;
    const existence = new Map<string, Set<boolean>>();
    for (const c of condition.any) {
      const leaf =
        'not' in c && 'field' in c.not ? negateExists(c.not) : 'field' in c ? c : undefined;
      if (leaf?.exists === undefined) continue;
      const seen = existence.get(leaf.field) ?? new Set<boolean>();
      seen.add(leaf.exists);
      if (seen.size === 2) return true;
      existence.set(leaf.field, seen);
    }
    return false;
  }
  if ('not' in condition) return neverHolds(condition.not);
  return false;
}

function negateExists(leaf: LeafCondition): LeafCondition | undefined {
  return leaf.exists === undefined ? undefined : { field: leaf.field, exists: !leaf.exists };
}

/** The leaves an `all` requires: its own, nested `all`s', `not: {exists}` and `not: {not: x}`. */
function requiredLeaves(
  conditions: readonly Condition[],
  out: LeafCondition[] = [],
): LeafCondition[] {
  for (const c of conditions) {
    if ('all' in c) requiredLeaves(c.all, out);
    else if ('not' in c) {
      if ('not' in c.not) requiredLeaves([c.not.not], out);
      else if ('field' in c.not) {
        const leaf = negateExists(c.not);
        if (leaf) out.push(leaf);
      }
    } else if ('field' in c) out.push(c);
  }
  return out;
}

/** Why no record satisfies every condition of an `all`, or undefined when one may. */
function contradiction(conditions: readonly Condition[]): string | undefined {
  const byField = new Map<string, LeafCondition[]>();
  for (const leaf of requiredLeaves(conditions)) {
    const list = byField.get(leaf.field) ?? [];
    list.push(leaf);
    byField.set(leaf.field, list);
  }
  for (const [field, leaves] of byField) {
    if (satisfiable(leaves)) continue;
    const tests = leaves.map(describeLeaf);
    return tests.length === 1
      ? `no value of ${field} passes ${tests.join('')} (an empty text counts as missing)`
      : `no value of ${field} passes all of ${tests.join(', ')}`;
  }
  return undefined;
}

function operatorOf(leaf: LeafCondition): Operator | undefined {
  return OPERATORS.find((op) => leaf[op] !== undefined);
}

function describeLeaf(leaf: LeafCondition): string {
  const op = operatorOf(leaf);
  return op === undefined ? '(no operator)' : `${op}: ${JSON.stringify(leaf[op])}`;
}

/**
 * Whether one value can pass every leaf. Every operator but `exists: false` fails on a missing
 * value; `eq`/`in` pin the value to keys (its number if numeric, else its text), so the rest can
 * be checked against those keys exactly.
 */
function satisfiable(leaves: readonly LeafCondition[]): boolean {
  const wantsMissing = leaves.some((l) => l.exists === false);
  if (wantsMissing) return leaves.every((l) => l.exists === false);

  const range = new NumberRange();
  let numericOnly = false;
  let allowed: Set<string> | undefined;
  const forbidden = new Set<string>();
  const textTests: ((text: string) => boolean)[] = [];
  for (const leaf of leaves) {
    const list = leaf.eq !== undefined ? [leaf.eq] : leaf.in;
    if (list !== undefined) {
      const keys = new Set(list.map(keyOf));
      allowed = allowed === undefined ? keys : new Set([...allowed].filter((k) => keys.has(k)));
    }
    for (const value of leaf.neq !== undefined ? [leaf.neq] : (leaf.notIn ?? [])) {
      forbidden.add(keyOf(value));
    }
    if (range.add(leaf)) numericOnly = true;
    const test = textTest(leaf);
    if (test) textTests.push(test);
  }
  if (range.isEmpty()) return false;
  if (allowed === undefined) return true;
  return [...allowed].some((key) => {
    // A present value is never blank: blank text counts as missing.
    if (forbidden.has(key) || key === 't:') return false;
    const n = key.startsWith('n:') ? Number(key.slice(2)) : undefined;
    if (n === undefined) return !numericOnly && textTests.every((t) => t(key.slice(2)));
    // A numeric value's text is not fixed ("200", "200.0", "2e2"): text tests stay possible.
    return range.contains(n);
  });
}

/** Equal keys <=> `eq` matches: numbers compare as numbers, anything else as trimmed lower text. */
function keyOf(value: Scalar): string {
  const n = toNumber(value);
  return n === undefined ? `t:${toText(value) ?? ''}` : `n:${n}`;
}

function textTest(leaf: LeafCondition): ((text: string) => boolean) | undefined {
  const text = (value: Scalar) => toText(value) ?? '';
  if (leaf.contains !== undefined) {
    const x = text(leaf.contains);
    return (t) => t.includes(x);
  }
  if (leaf.startsWith !== undefined) {
    const x = text(leaf.startsWith);
    return (t) => t.startsWith(x);
  }
  if (leaf.endsWith !== undefined) {
    const x = text(leaf.endsWith);
    return (t) => t.endsWith(x);
  }
  if (leaf.matches !== undefined) {
    const pattern = new RegExp(leaf.matches, 'i');
    return (t) => pattern.test(t);
  }
  return undefined;
}

/** The numbers that pass every gt/gte/lt/lte/between seen so far. */
class NumberRange {
  private lo = -Infinity;
  private loOpen = false;
  private hi = Infinity;
  private hiOpen = false;

  /** Narrows the range by a numeric leaf; false when the leaf is not numeric. */
  add(leaf: LeafCondition): boolean {
    if (leaf.gt !== undefined) this.above(leaf.gt, true);
    else if (leaf.gte !== undefined) this.above(leaf.gte, false);
    else if (leaf.lt !== undefined) this.below(leaf.lt, true);
    else if (leaf.lte !== undefined) this.below(leaf.lte, false);
    else if (leaf.between !== undefined) {
      this.above(leaf.between[0], false);
      this.below(leaf.between[1], false);
    } else return false;
    return true;
  }

  isEmpty(): boolean {
    return this.lo > this.hi || (this.lo === this.hi && (this.loOpen || this.hiOpen));
  }

  contains(n: number): boolean {
    const aboveLo = this.loOpen ? n > this.lo : n >= this.lo;
    const belowHi = this.hiOpen ? n < this.hi : n <= this.hi;
    return aboveLo && belowHi;
  }

  private above(x: number, open: boolean): void {
    if (x > this.lo || (x === this.lo && open)) {
      this.lo = x;
      this.loOpen = open;
    }
  }

  private below(x: number, open: boolean): void {
    if (x < this.hi || (x === this.hi && open)) {
      this.hi = x;
      this.hiOpen = open;
    }
  }
}

// Compiles a condition into a predicate over a record (a lead or an event), with the exact
// semantics of the model reference: missing fields, numeric and case-insensitive text comparison.
import type { Condition, LeafCondition } from './condition-schema.js';
import { compileFieldReader } from './fields.js';
import { isMissing, toNumber, toText } from './values.js';

export type Predicate = (record: unknown) => boolean;

export function compileCondition(condition: Condition): Predicate {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (record) => parts.every((p) => p(record));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (record) => parts.some((p) => p(record));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (record) => !inner(record);
  }
  return compileLeaf(condition);
}

type Scalar = string | number | boolean;
type ValueTest = (value: unknown) => boolean;

function compileLeaf(leaf: LeafCondition): Predicate {
  const read = compileFieldReader(leaf.field);
  if (leaf.exists !== undefined) {
    const wanted = leaf.exists;
    return (record) => !isMissing(read(record)) === wanted;
  }
  const test = valueTest(leaf);
  return (record) => {
    const value = read(record);
    return !isMissing(value) && test(value);
  };
}

/** The test on a present value; the caller has already failed missing values. */
function valueTest(leaf: LeafCondition): ValueTest {
  if (leaf.eq !== undefined) return equalsTest(leaf.eq);
  if (leaf.neq !== undefined) {
    const eq = equalsTest(leaf.neq);
    return (v) => !eq(v);
  }
  if (leaf.in !== undefined) return anyOf(leaf.in.map(equalsTest));
  if (leaf.notIn !== undefined) {
    const inList = anyOf(leaf.notIn.map(equalsTest));
    return (v) => !inList(v);
  }
  if (leaf.gt !== undefined) return numeric((n, x) => n > x, leaf.gt);
  if (leaf.gte !== undefined) return numeric((n, x) => n >= x, leaf.gte);
  if (leaf.lt !== undefined) return numeric((n, x) => n < x, leaf.lt);
  if (leaf.lte !== undefined) return numeric((n, x) => n <= x, leaf.lte);
  if (leaf.between !== undefined) {
    const [lo, hi] = leaf.between;
    return (v) => {
      const n = toNumber(v);
      return n !== undefined && n >= lo && n <= hi;
    };
  }
  if (leaf.contains !== undefined) return containsTest(leaf.contains);
  if (leaf.startsWith !== undefined) return textTest(leaf.startsWith, (t, x) => t.startsWith(x));
  if (leaf.endsWith !== undefined) return textTest(leaf.endsWith, (t, x) => t.endsWith(x));
  if (leaf.matches !== undefined) {
    const pattern = new RegExp(leaf.matches, 'i');
    return (v) => {
      const text = toText(v);
      return text !== undefined && pattern.test(text);
    };
  }
  throw new Error(`condition on ${leaf.field} has no operator`);
}

function anyOf(tests: ValueTest[]): ValueTest {
  return (v) => tests.some((t) => t(v));
}

/** Numbers when both sides are numeric, otherwise trimmed case-insensitive text. */
function equalsTest(expected: Scalar): ValueTest {
  const expectedNumber = toNumber(expected);
  const expectedText = toText(expected);
  return (v) => {
    if (expectedNumber !== undefined) {
      const n = toNumber(v);
      if (n !== undefined) return n === expectedNumber;
    }
    return toText(v) === expectedText;
  };
}

function numeric(compare: (n: number, x: number) => boolean, bound: number): ValueTest {
  return (v) => {
    const n = toNumber(v);
    return n !== undefined && compare(n, bound);
  };
}

function textTest(expected: Scalar, compare: (text: string, x: string) => boolean): ValueTest {
  const x = toText(expected) ?? '';
  return (v) => {
    const text = toText(v);
    return text !== undefined && compare(text, x);
  };
}

/** Substring of a text value; for a list value, one of its elements equals the text. */
function containsTest(expected: Scalar): ValueTest {
  const x = toText(expected) ?? '';
  return (v) => {
    if (Array.isArray(v)) return v.some((item) => toText(item) === x);
    const text = toText(v);
    return text !== undefined && text.includes(x);
  };
}

// Decides how a training column is read: as numbers, as categories, or left out (an
// identifier), with a warning where a few odd values decide it or a column is left out.

export type ColumnKind =
  | { kind: 'numeric'; mean: number; missing: boolean }
  | { kind: 'categorical'; counts: Map<string, number> }
  | { kind: 'left-out' };

export type ColumnDecision = ColumnKind & { warning?: string };

/** Most frequent levels kept per categorical column; the rest count as OTHER. */
export const MAX_LEVELS = 64;
/**
 * Values that are not numbers, in a column otherwise of numbers, are "a few" (and warned about)
 * when they are at most this share of the rows or this many distinct values.
 */
export const FEW_SHARE = 0.01;
export const FEW_DISTINCT = 5;
/** Below this many rows, integers unique per row may be chance (ages of 30 leads), not ids. */
export const MIN_IDENTIFIER_ROWS = 20;
const EXAMPLES = 3;

function identifier(name: string, why: string): ColumnDecision {
  return {
    kind: 'left-out',
    warning: `column "${name}" looks like an identifier (${why}): left out`,
  };
}

/**
 * A column is numeric when every present value is a finite number, unless its values are
 * integers, present and unique per row (an id). Otherwise it is categorical, unless nearly
 * every value is distinct (an id again, or numbers spoilt by a few values that are not).
 */
export function decideColumn(
  name: string,
  column: readonly string[],
  isMissing: (value: string) => boolean,
): ColumnDecision {
  const counts = new Map<string, number>();
  const odd = new Map<string, number>();
  const integers = new Set<number>();
  let numbers = 0;
  let oddRows = 0;
  let sum = 0;
  let uniqueIntegers = true;
  for (const raw of column) {
    if (isMissing(raw)) continue;
    const v = raw.trim();
    counts.set(v, (counts.get(v) ?? 0) + 1);
    const x = Number(v);
    if (!Number.isFinite(x)) {
      odd.set(v, (odd.get(v) ?? 0) + 1);
      oddRows++;
      continue;
    }
    numbers++;
    sum += x;
    if (!uniqueIntegers) continue;
    if (!Number.isInteger(x) || integers.has(x)) uniqueIntegers = false;
    else integers.add(x);
  }
  const rows = column.length;
  if (numbers > 0 && oddRows === 0) {
    if (uniqueIntegers && numbers === rows && rows >= MIN_IDENTIFIER_ROWS) {
      return identifier(name, 'unique per row');
    }
    return { kind: 'numeric', mean: sum / numbers, missing: numbers < rows };
  }
  const distinct = counts.size > Math.max(MAX_LEVELS, rows / 2);
  const few = numbers > oddRows && (oddRows <= FEW_SHARE * rows || odd.size <= FEW_DISTINCT);
  if (!few) {
    return distinct
      ? identifier(name, 'nearly every value distinct')
      : { kind: 'categorical', counts };
  }
  // Numbers but for a few values: as categories, its numbers are levels, often too many to keep.
  const verdict = distinct ? 'left out, not read as numbers' : 'read as categories, not as numbers';
  const warning = oddValuesWarning(name, verdict, odd, oddRows, numbers);
  return distinct ? { kind: 'left-out', warning } : { kind: 'categorical', counts, warning };
}

function oddValuesWarning(
  name: string,
  verdict: string,
  odd: Map<string, number>,
  oddRows: number,
  numbers: number,
): string {
  const examples = [...odd.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, EXAMPLES)
    .map(([value, n]) => `${JSON.stringify(value)} (${n} row${n === 1 ? '' : 's'})`);
  const more = odd.size > EXAMPLES ? `, and ${odd.size - EXAMPLES} more` : '';
  return (
    `column "${name}" is ${verdict}, because of ${oddRows} ` +
    `value${oddRows === 1 ? '' : 's'} that ${oddRows === 1 ? 'is' : 'are'} not a number: ` +
    `${examples.join(', ')}${more}; ${numbers} are numbers. ` +
    'Leave unknown values blank (or NA) to use it as numbers'
  );
}

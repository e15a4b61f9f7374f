// Outcomes: which target values count as converted, and the minimum data to learn from.
import { MlError } from './errors.js';

/** Target values (any case) that count as converted unless the user names their own. */
export const DEFAULT_POSITIVE = ['yes', 'true', '1', 'converted', 'won'];

/** Fewest converted, and fewest not converted, leads a model is trained on. */
export const MINIMUM_PER_CLASS = 40;

/** 1 converted, 0 not, undefined when the outcome is unknown (empty). */
export function labelOf(value: string, positive: readonly string[]): 0 | 1 | undefined {
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  return positive.some((p) => p.trim().toLowerCase() === text) ? 1 : 0;
}

/** Refuses to train below the minimum, saying how many more leads of each kind are needed. */
export function checkMinimum(converted: number, notConverted: number, target: string): void {
  if (converted >= MINIMUM_PER_CLASS && notConverted >= MINIMUM_PER_CLASS) return;
  const short: string[] = [];
  if (converted < MINIMUM_PER_CLASS) short.push(`${MINIMUM_PER_CLASS - converted} more converted`);
  if (notConverted < MINIMUM_PER_CLASS) {
    short.push(`${MINIMUM_PER_CLASS - notConverted} more not converted`);
  }
  throw new MlError(
    'not_enough_data',
    `not enough outcomes in "${target}" to train: ${converted} converted and ${notConverted} not ` +
      `converted; at least ${MINIMUM_PER_CLASS} of each are needed, so ${short.join(' and ')} ` +
      `lead${short.length > 1 || !short[0]?.startsWith('1 ') ? 's' : ''} with known outcomes`,
  );
}

/** Values listed in a message before the rest are only counted. */
const LISTED_VALUES = 6;

/** Values that mean "did not convert", to suggest the other one of two. */
const NEGATIVE = /^(no|n|false|f|0|lost|none|never|negative|not\b.*|non\b.*|un.*)$/i;

/** Distinct non-empty values of a column (any case counts as one), most frequent first. */
export function distinctValues(cells: readonly string[]): string[] {
  const counts = new Map<string, { value: string; count: number; first: number }>();
  cells.forEach((cell, i) => {
    const value = cell.trim();
    if (value === '') return;
    const key = value.toLowerCase();
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { value, count: 1, first: i });
  });
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((v) => v.value);
}

/** Of two values, the one that most likely means converted. */
function likelyPositive([common, rare]: readonly [string, string]): string {
  const [x, y] = [Number(common), Number(rare)];
  if (Number.isFinite(x) && Number.isFinite(y)) return x > y ? common : rare;
  if (NEGATIVE.test(rare) && !NEGATIVE.test(common)) return common;
  // Conversions are usually the rarer outcome.
  return rare;
}

function shellWord(text: string): string {
  return /^[\w.,:@%+=/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * When no lead of a target column counts as converted: the values the column holds, and the
 * `--positive` to pass (when there are two) or to choose; undefined for an empty column.
 */
export function positiveAdvice(
  cells: readonly string[],
): { values: string; advice: string } | undefined {
  const values = distinctValues(cells);
  if (values.length === 0) return undefined;
  const listed = values.slice(0, LISTED_VALUES).join(', ');
  const more = values.length > LISTED_VALUES ? `, ... (${values.length} values)` : '';
  const advice =
    values.length === 2
      ? `pass --positive ${shellWord(likelyPositive([values[0]!, values[1]!]))}`
      : 'name the value that means converted with --positive';
  return { values: `${listed}${more}`, advice };
}

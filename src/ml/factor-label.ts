// A factor as a person reads it ("unknown country", "country is Portugal", "age is 42"), beside
// the machine fields (column, value, and the `column=value` label) that code may rely on.
import type { EncodedColumn } from './encoding-schema.js';
import { eventOfCountColumn } from './count-columns.js';
import { describeValue } from './encoding.js';

export interface FactorText {
  /** What a person reads: "unknown country", "country is Portugal", "age is 42". */
  text: string;
  /** The column the factor is about. */
  feature: string;
  /** The lead's value as the model read it: a level, a number, or null when missing. */
  value: string | null;
  /** The column and value as one term, e.g. `job=retired` or `country=(missing)`. */
  label: string;
}

/** Digits grouped by thousands (1,250), the value otherwise as exact as String() gives it. */
export function formatNumber(value: number): string {
  const text = String(value);
  if (/e/i.test(text)) return text;
  const [whole, fraction] = text.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A figure to 2 significant digits, as text shows contributions: 1.0512 -> 1.1, 0.0345 -> 0.035. */
export function significant(value: number, digits = 2): string {
  return String(Number(value.toPrecision(digits)));
}

/** The factor of `column` for a lead whose encoded value is `value` (a level code or a number). */
export function factorText(column: EncodedColumn, value: number): FactorText {
  const label = describeValue(column, value);
  const feature = column.name;
  if (column.type === 'numeric') {
    if (Number.isNaN(value)) return { text: `unknown ${feature}`, feature, value: null, label };
    return { text: numberText(feature, value), feature, value: String(value), label };
  }
  const levels = column.levels;
  // The last two levels are MISSING and OTHER (see encoding-schema.ts); codes past them are OTHER.
  const code = Math.min(value, levels.length - 1);
  if (code === levels.length - 2)
    return { text: `unknown ${feature}`, feature, value: null, label };
  const level = levels[code]!;
  if (code === levels.length - 1) {
    return { text: `${feature} is a value not seen in training`, feature, value: level, label };
  }
  return { text: `${feature} is ${level}`, feature, value: level, label };
}

/** "age is 42"; an event count reads as the event done so often ("Demo Requested twice"). */
function numberText(feature: string, value: number): string {
  const event = eventOfCountColumn(feature);
  if (event === null) return `${feature} is ${formatNumber(value)}`;
  if (value === 0) return `${event} never`;
  if (value === 1) return `${event} once`;
  if (value === 2) return `${event} twice`;
  return `${event} ${formatNumber(value)} times`;
}

// Option values shared by the commands that learn from a leads file (analyze, suggest, train).
import { AnalyticsError } from '../analytics/errors.js';

/** A comma-separated list of column names, blanks dropped. */
export function columnList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/** A number option's value, or an error quoting what was given. */
export function numberOption(name: string, text: string): number {
  const x = Number(text);
  if (text.trim() === '' || Number.isNaN(x)) {
    throw new AnalyticsError('invalid_option', `${name}: expected a number, got "${text}"`);
  }
  return x;
}

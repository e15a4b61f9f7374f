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

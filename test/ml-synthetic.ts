// Generated leads with a known true conversion model, for the predictive-model tests.
import type { Dataset } from '../src/ml/read-dataset.js';
import { createRandom } from '../src/ml/prng.js';

export interface Synthetic {
  dataset: Dataset;
  /** Each row's true probability to convert. */
  truth: number[];
  labels: Uint8Array;
}

const LEVELS = ['a', 'b', 'c'];

/** The true logistic model: logit = -1 + 1.0 x1 - 0.5 x2 + (b: +0.8, c: -0.6). */
export const TRUE_LOGISTIC = { intercept: -1, x1: 1, x2: -0.5, b: 0.8, c: -0.6 };

function build(
  n: number,
  seed: number,
  probability: (x1: number, x2: number, level: string) => number,
  missingX2 = 0,
): Synthetic {
  const random = createRandom(seed);
  const rows: string[][] = [];
  const truth: number[] = [];
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x1 = random.normal();
    const x2 = random.normal();
    const level = LEVELS[Math.floor(random.next() * 3)]!;
    const p = probability(x1, x2, level);
    labels[i] = random.next() < p ? 1 : 0;
    const x2Text = random.next() < missingX2 ? '' : x2.toFixed(4);
    rows.push([`L${i}`, x1.toFixed(4), x2Text, level, labels[i] ? 'yes' : 'no']);
    truth.push(p);
  }
  return {
    dataset: {
      source: 'synthetic.csv',
      columns: ['id', 'x1', 'x2', 'segment', 'converted'],
      rows,
      lines: rows.map((_, i) => i + 2),
      rejects: [],
      order: rows.map((_, i) => ({ row: i })),
    },
    truth,
    labels,
  };
}

export function logisticLeads(n: number, seed: number, missingX2 = 0): Synthetic {
  const t = TRUE_LOGISTIC;
  return build(
    n,
    seed,
    (x1, x2, level) => {
      const logit =
        t.intercept + t.x1 * x1 + t.x2 * x2 + (level === 'b' ? t.b : level === 'c' ? t.c : 0);
      return 1 / (1 + Math.exp(-logit));
    },
    missingX2,
  );
}

/** Converts mostly when x1 > 0.5 and the segment is b, or when |x2| > 1.5: no linear model fits. */
export function ruleLeads(n: number, seed: number): Synthetic {
  return build(n, seed, (x1, x2, level) =>
    (x1 > 0.5 && level === 'b') || Math.abs(x2) > 1.5 ? 0.9 : 0.05,
  );
}

/** A CSV text of a synthetic dataset with the given separator, every field quoted. */
export function toCsv(s: Synthetic, separator: string): string {
  const quote = (v: string) => `"${v}"`;
  return [s.dataset.columns, ...s.dataset.rows].map((r) => r.map(quote).join(separator)).join('\n');
}

// Generated leads with a known conversion signal, for the `leadscore suggest` tests.
import { createRandom } from '../src/ml/prng.js';

/**
 * Known signal: x1 (numeric, strong), tier (categorical: gold > silver > bronze); noise
 * (categorical) and jitter (numeric) have none; id is an identifier. Some x1 cells are blank.
 */
export function signalCsv(n: number, seed: number): string {
  const random = createRandom(seed);
  const lines = ['id;x1;tier;noise;jitter;converted'];
  const tierLogit: Record<string, number> = { gold: 1.2, silver: 0, bronze: -1 };
  for (let i = 0; i < n; i++) {
    const x1 = random.normal();
    const tier = ['gold', 'silver', 'bronze'][Math.floor(random.next() * 3)]!;
    const noise = ['p', 'q', 'r'][Math.floor(random.next() * 3)]!;
    const jitter = random.next() * 100;
    const logit = -1.5 + 1.2 * x1 + tierLogit[tier]!;
    const y = random.next() < 1 / (1 + Math.exp(-logit));
    const x1Text = random.next() < 0.05 ? '' : x1.toFixed(3);
    lines.push(`L${i};${x1Text};${tier};${noise};${jitter.toFixed(2)};${y ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

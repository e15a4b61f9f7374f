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

/** Demo requests each add this to the log-odds, up to DEMO_LIMIT of them. */
const DEMO_LOGIT = 0.6;
const DEMO_LIMIT = 3;

/**
 * Known signal with behaviour counts: x1 and tier as in signalCsv; every demo request (column
 * `did: Demo Requested`, 0 to 8, blank = 0) adds DEMO_LOGIT up to DEMO_LIMIT requests, so repeats
 * keep raising the odds; Unsubscribed (0 or 1) subtracts 1.5; Trial Started (0 or 1) adds 0.8;
 * page_views (0 to 9) has no effect.
 */
export function behaviourCsv(n: number, seed: number): string {
  const random = createRandom(seed);
  const lines = ['id,x1,tier,did: Demo Requested,Unsubscribed,Trial Started,page_views,converted'];
  const tierLogit: Record<string, number> = { gold: 1.2, silver: 0, bronze: -1 };
  for (let i = 0; i < n; i++) {
    const x1 = random.normal();
    const tier = ['gold', 'silver', 'bronze'][Math.floor(random.next() * 3)]!;
    const demos =
      random.next() < 0.5 ? 0 : Math.min(8, 1 + Math.floor(-1.5 * Math.log(1 - random.next())));
    const unsubscribed = random.next() < 0.15 ? 1 : 0;
    const trial = random.next() < 0.25 ? 1 : 0;
    const views = Math.floor(random.next() * 10);
    const logit =
      -2 +
      1.2 * x1 +
      tierLogit[tier]! +
      DEMO_LOGIT * Math.min(demos, DEMO_LIMIT) -
      1.5 * unsubscribed +
      0.8 * trial;
    const y = random.next() < 1 / (1 + Math.exp(-logit));
    const demoText = demos === 0 && random.next() < 0.1 ? '' : String(demos);
    lines.push(
      `L${i},${x1.toFixed(3)},${tier},${demoText},${unsubscribed},${trial},${views},${y ? 'yes' : 'no'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

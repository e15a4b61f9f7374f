// Sums of decaying exponentials, f(t) = c + Σ a_k·e^(−λ_k·t), and the points where they turn.
// A decayed score is such a sum (one term per half-life), so knowing where it is monotone tells
// exactly when it can cross a threshold. Written here because no maintained JavaScript library
// finds the turning points of exponential sums; the method is the one behind Descartes' rule of
// signs for them: f′·e^(λ_1·t) is again a constant plus one term fewer, so recursion ends.

export interface ExpTerm {
  /** Coefficient at t = 0. */
  a: number;
  /** Decay rate per unit of t (> 0). */
  rate: number;
}

export interface ExpSum {
  constant: number;
  /** Distinct rates; zero coefficients are left out. */
  terms: ExpTerm[];
}

export function evaluate(f: ExpSum, t: number): number {
  let value = f.constant;
  for (const { a, rate } of f.terms) value += a * Math.exp(-rate * t);
  return value;
}

/** Adds terms of equal rate together and drops the ones that vanish. */
export function expSum(constant: number, terms: readonly ExpTerm[]): ExpSum {
  const byRate = new Map<number, number>();
  for (const { a, rate } of terms) byRate.set(rate, (byRate.get(rate) ?? 0) + a);
  const merged: ExpTerm[] = [];
  for (const [rate, a] of byRate) if (a !== 0) merged.push({ a, rate });
  merged.sort((x, y) => x.rate - y.rate);
  return { constant, terms: merged };
}

/**
 * Points lo = p0 < p1 < ... < pn = hi such that f is monotone on each [p_i, p_i+1]; the inner
 * points are f's turning points, found to within `tolerance`.
 */
export function monotonePieces(f: ExpSum, lo: number, hi: number, tolerance: number): number[] {
  return [lo, ...turningPoints(f, lo, hi, tolerance), hi];
}

function turningPoints(f: ExpSum, lo: number, hi: number, tolerance: number): number[] {
  if (f.terms.length <= 1) return [];
  // f′(t)·e^(λ_1·t) = −λ_1·a_1 + Σ_k≥2 −λ_k·a_k·e^(−(λ_k−λ_1)·t): same zeros as f′, one term fewer.
  const [first, ...rest] = f.terms as [ExpTerm, ...ExpTerm[]];
  const g = expSum(
    -first.rate * first.a,
    rest.map(({ a, rate }) => ({ a: -rate * a, rate: rate - first.rate })),
  );
  const points: number[] = [];
  const pieces = monotonePieces(g, lo, hi, tolerance);
  for (let i = 0; i + 1 < pieces.length; i++) {
    const root = rootIn(g, pieces[i]!, pieces[i + 1]!, tolerance);
    if (root !== undefined && root > lo && root < hi) points.push(root);
  }
  return points;
}

/** A zero of f on [a, b] where f is monotone, if its sign changes there. */
function rootIn(f: ExpSum, a: number, b: number, tolerance: number): number | undefined {
  let fa = evaluate(f, a);
  const fb = evaluate(f, b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) return undefined;
  let lo = a;
  let hi = b;
  while (hi - lo > tolerance) {
    const mid = lo + (hi - lo) / 2;
    const fm = evaluate(f, mid);
    if (Math.sign(fm) === Math.sign(fa)) {
      lo = mid;
      fa = fm;
    } else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

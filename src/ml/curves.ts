// The curves of a held-out evaluation, for charts: ROC (false against true positive rate) and
// lift by the share of leads contacted, best-scored first.

export interface RocPoint {
  fpr: number;
  tpr: number;
}

export interface LiftPoint {
  /** Share of leads taken, best-scored first. */
  fraction: number;
  /** Their conversion rate over the base rate. */
  lift: number;
  /** Share of all conversions among them (the gains curve). */
  gain: number;
}

/** Leads in descending score order, ties kept together. */
function ranked(labels: ArrayLike<number>, scores: ArrayLike<number>): number[] {
  return Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
}

/** ROC points at every distinct score, thinned to at most `points`, from (0,0) to (1,1). */
export function rocCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  points = 101,
): RocPoint[] {
  const order = ranked(labels, scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const all: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]!] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[order[k]!])
      all.push({ fpr: fp / negatives, tpr: tp / positives });
  }
  if (all.length <= points) return all;
  const step = (all.length - 1) / (points - 1);
  return Array.from({ length: points }, (_, i) => all[Math.round(i * step)]!);
}

/** Lift and gains at each tenth (or `steps`) of the leads. */
export function liftCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  steps = 10,
): LiftPoint[] {
  const order = ranked(labels, scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += labels[i]!;
  if (total === 0 || labels.length === 0) return [];
  const base = total / labels.length;
  const curve: LiftPoint[] = [];
  let hits = 0;
  let taken = 0;
  for (let s = 1; s <= steps; s++) {
    const upTo = Math.ceil((s / steps) * labels.length);
    for (; taken < upTo; taken++) hits += labels[order[taken]!]!;
    curve.push({ fraction: s / steps, lift: hits / taken / base, gain: hits / total });
  }
  return curve;
}

// Metrics of predicted conversion probabilities against outcomes (1 converted, 0 not).

type Scores = ArrayLike<number>;

function positives(labels: Uint8Array): number {
  let p = 0;
  for (const y of labels) p += y;
  return p;
}

/** Row indexes by descending score, ties kept in row order. */
function byScoreDescending(scores: Scores): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => scores[b]! - scores[a]! || a - b,
  );
}

/** ROC AUC: the chance a random converter outscores a random non-converter, ties counting half. */
export function rocAuc(labels: Uint8Array, scores: Scores): number {
  const order = byScoreDescending(scores).reverse();
  const p = positives(labels);
  const n = labels.length - p;
  if (p === 0 || n === 0) return NaN;
  let rankSum = 0;
  for (let k = 0; k < order.length;) {
    let end = k;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[k]!]) end++;
    const midRank = (k + end) / 2 + 1;
    for (let j = k; j <= end; j++) rankSum += labels[order[j]!]! * midRank;
    k = end + 1;
  }
  return (rankSum - (p * (p + 1)) / 2) / (p * n);
}

/** PR AUC as average precision: sum over score thresholds of (recall gained) x precision. */
export function averagePrecision(labels: Uint8Array, scores: Scores): number {
  const order = byScoreDescending(scores);
  const p = positives(labels);
  if (p === 0) return NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let k = 0; k < order.length;) {
    let end = k;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[k]!]) end++;
    let gained = 0;
    for (let j = k; j <= end; j++) gained += labels[order[j]!]!;
    tp += gained;
    seen += end - k + 1;
    ap += (gained / p) * (tp / seen);
    k = end + 1;
  }
  return ap;
}

export function logLoss(labels: Uint8Array, probabilities: Scores): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const q = Math.min(Math.max(probabilities[i]!, 1e-15), 1 - 1e-15);
    sum -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / labels.length;
}

export function brier(labels: Uint8Array, probabilities: Scores): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / labels.length;
}

/**
 * The conversion rate among the top ceil(fraction x n) rows by score (ties by row order),
 * divided by the overall rate.
 */
export function lift(labels: Uint8Array, scores: Scores, fraction = 0.1): number {
  const top = Math.ceil(fraction * labels.length);
  const order = byScoreDescending(scores).slice(0, top);
  const hits = order.reduce((s, i) => s + labels[i]!, 0);
  return hits / top / (positives(labels) / labels.length);
}

export interface CalibrationBin {
  /** Lowest and highest predicted probability in the group. */
  from: number;
  to: number;
  count: number;
  predicted: number;
  observed: number;
}

/** Rows sorted by probability, cut into `groups` groups of (nearly) equal size. */
export function calibrationTable(
  labels: Uint8Array,
  probabilities: Scores,
  groups = 10,
): CalibrationBin[] {
  const order = byScoreDescending(probabilities).reverse();
  const table: CalibrationBin[] = [];
  for (let g = 0; g < groups; g++) {
    const slice = order.slice(
      Math.floor((g * order.length) / groups),
      Math.floor(((g + 1) * order.length) / groups),
    );
    if (slice.length === 0) continue;
    let predicted = 0;
    let observed = 0;
    for (const i of slice) {
      predicted += probabilities[i]!;
      observed += labels[i]!;
    }
    table.push({
      from: probabilities[slice[0]!]!,
      to: probabilities[slice[slice.length - 1]!]!,
      count: slice.length,
      predicted: predicted / slice.length,
      observed: observed / slice.length,
    });
  }
  return table;
}

// The what-if's segment moves as a matrix (active segment -> candidate segment), and the
// threshold that fits a sales team's weekly capacity on the backtest's capacity curve.
import type { CapacityPoint } from '../api/types';

export interface MoveMatrix {
  rows: (string | null)[];
  columns: (string | null)[];
  count: (from: string | null, to: string | null) => number;
  moved: number;
  total: number;
}

/** Rows and columns in the candidate's segment order, segments it lacks after them. */
export function moveMatrix(
  moves: readonly { from: string | null; to: string | null; count: number }[],
  order: readonly string[],
): MoveMatrix {
  const rank = (s: string | null) =>
    s === null ? Infinity : order.indexOf(s) === -1 ? order.length : order.indexOf(s);
  const sorted = (values: Iterable<string | null>) =>
    [...new Set(values)].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
  const cells = new Map<string, number>();
  let moved = 0;
  let total = 0;
  for (const m of moves) {
    const key = `${m.from}\u0000${m.to}`;
    cells.set(key, (cells.get(key) ?? 0) + m.count);
    total += m.count;
    if (m.from !== m.to) moved += m.count;
  }
  return {
    rows: sorted(moves.map((m) => m.from)),
    columns: sorted([...order, ...moves.map((m) => m.to)]),
    count: (from, to) => cells.get(`${from}\u0000${to}`) ?? 0,
    moved,
    total,
  };
}

/** The point with the most leads a week that stays within `perWeek`; null when none does. */
export function thresholdFor(
  curve: readonly CapacityPoint[],
  perWeek: number,
): CapacityPoint | null {
  let best: CapacityPoint | null = null;
  for (const point of curve) {
    if (point.leadsPerWeek > perWeek) continue;
    if (!best || point.leadsPerWeek > best.leadsPerWeek) best = point;
  }
  return best;
}

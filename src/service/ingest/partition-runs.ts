// Which queued pieces of a workspace's calls go into runs now. A run holds the partitions of its
// pieces until it is stored; runs in flight at once hold disjoint partitions, hence disjoint leads.
// Pieces are taken in queue order: one that cannot go now (a partition it needs is held, or a run
// is full) holds back every later piece of its partitions, so each lead's calls stay in order.
import type { Piece } from './call-pieces.js';

export interface Run {
  partitions: Set<number>;
  pieces: Piece[];
  size: number;
}

/**
 * Takes the runs that can start out of `pending` (which keeps the rest, in order). `held`: the
 * partitions of the runs in flight. A run takes up to `maxMessages` messages, or one larger piece.
 */
export function takeRuns(pending: Piece[], held: ReadonlySet<number>, maxMessages: number): Run[] {
  const closed = new Set(held);
  const runOf = new Map<number, Run>();
  const runs: Run[] = [];
  const kept: Piece[] = [];
  for (const piece of pending) {
    const run = placeFor(piece, closed, runOf, maxMessages);
    if (run === 'wait') {
      for (const p of piece.partitions) closed.add(p);
      kept.push(piece);
    } else if (run === 'new') {
      const made: Run = {
        partitions: new Set(piece.partitions),
        pieces: [piece],
        size: piece.messages.length,
      };
      runs.push(made);
      for (const p of piece.partitions) runOf.set(p, made);
    } else {
      run.pieces.push(piece);
      run.size += piece.messages.length;
    }
  }
  pending.splice(0, pending.length, ...kept);
  return runs;
}

/** A run taken now that holds all the piece's partitions and has room, a new run, or wait. */
function placeFor(
  piece: Piece,
  closed: ReadonlySet<number>,
  runOf: ReadonlyMap<number, Run>,
  maxMessages: number,
): Run | 'new' | 'wait' {
  if (piece.partitions.some((p) => closed.has(p))) return 'wait';
  const runs = new Set(piece.partitions.map((p) => runOf.get(p)));
  if (runs.size === 1 && runs.has(undefined)) return 'new';
  const [run] = runs;
  if (runs.size > 1 || run === undefined) return 'wait';
  return run.size + piece.messages.length <= maxMessages ? run : 'wait';
}

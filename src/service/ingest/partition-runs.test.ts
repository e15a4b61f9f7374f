// The planner of partitioned ingestion runs, and how a call is cut into pieces: runs in flight
// hold disjoint partitions, and no piece overtakes an earlier one sharing a partition.
import { describe, expect, it } from 'vitest';
import type { SegmentMessage } from '../../ingest/segment/index.js';
import { piecesOf, type Call, type Piece } from './call-pieces.js';
import { takeRuns } from './partition-runs.js';

/** A call of `n` stand-in messages (the planner only counts them). */
function callOf(n: number): Call {
  const messages = Array.from({ length: n }, (_, i) => ({ i }) as unknown as SegmentMessage);
  const settle = () => undefined;
  return {
    messages,
    now: 0,
    resolve: settle,
    reject: settle,
    outcomes: [],
    left: n,
    settled: false,
  };
}

const piece = (partitions: number[], size = 1): Piece =>
  piecesOf(callOf(size), () => partitions)[0]!;

describe('piecesOf', () => {
  it('keeps a partition in one open piece, and a spanning message closes those it shares', () => {
    const parts = [[0], [1], [0], [0, 1], [1], [2], [0]];
    const call = callOf(parts.length);
    let i = 0;
    const pieces = piecesOf(call, () => parts[i++]!);
    expect(pieces.map((p) => [p.partitions, p.at])).toEqual([
      [[0], [0, 2]],
      [[1], [1]],
      [[0, 1], [3]],
      [[1], [4]],
      [[2], [5]],
      [[0], [6]],
    ]);
  });
});

describe('takeRuns', () => {
  it('takes one run per free partition, and keeps the held ones', () => {
    const pending = [piece([0]), piece([1]), piece([0]), piece([2])];
    const [a, b, c, d] = pending;
    const runs = takeRuns(pending, new Set([2]), 10);
    expect(runs.map((r) => [[...r.partitions], r.pieces])).toEqual([
      [[0], [a, c]],
      [[1], [b]],
    ]);
    expect(pending).toEqual([d]);
  });

  it('lets no piece overtake an earlier one of its partition that must wait', () => {
    const first = piece([0, 1]);
    const later = piece([1]);
    const other = piece([2]);
    const pending = [first, later, other];
    // Partition 0 is held: the spanning piece waits, so partition 1's later piece waits too.
    const runs = takeRuns(pending, new Set([0]), 10);
    expect(runs.map((r) => r.pieces)).toEqual([[other]]);
    expect(pending).toEqual([first, later]);
  });

  it('puts pieces of a spanning run into it, and stops a full run', () => {
    const span = piece([0, 1], 3);
    const join = piece([1], 3);
    const full = piece([0], 5);
    const after = piece([0], 1);
    const pending = [span, join, full, after];
    const runs = takeRuns(pending, new Set(), 8);
    expect(runs.map((r) => [[...r.partitions], r.pieces, r.size])).toEqual([
      [[0, 1], [span, join], 6],
    ]);
    // `after` fits, but may not overtake `full`.
    expect(pending).toEqual([full, after]);
  });

  it('starts a piece larger than a run alone', () => {
    const pending = [piece([0], 12), piece([0], 1)];
    const runs = takeRuns(pending, new Set(), 10);
    expect(runs.map((r) => r.size)).toEqual([12]);
    expect(pending).toHaveLength(1);
  });
});

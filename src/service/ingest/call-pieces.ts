// A call of the ingestion queue cut into pieces by the partitions its messages touch, and its
// outcomes put back together in message order as the pieces are stored. A piece's messages keep
// their order; pieces sharing a partition are queued in the order of their messages, so a lead's
// messages are stored in the order they came, whichever pieces carry them.
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { IngestOutcome } from './ingest-messages.js';

export interface Call {
  messages: readonly SegmentMessage[];
  now: number;
  resolve: (outcomes: IngestOutcome[]) => void;
  reject: (error: unknown) => void;
  /** Filled in as its pieces are stored. */
  outcomes: IngestOutcome[];
  /** Messages not stored yet; the call is answered when none is left. */
  left: number;
  settled: boolean;
}

export interface Piece {
  call: Call;
  /** The partitions its messages touch, ascending. */
  partitions: readonly number[];
  messages: SegmentMessage[];
  /** Where each message sits in its call. */
  at: number[];
}

/**
 * The call's pieces, in queue order. `partitionsOf` is asked once per message, in order (it may
 * learn from each). A message goes into the open piece of exactly its partitions; otherwise the
 * open pieces sharing a partition with it are closed and it opens a new one, so at any time one
 * open piece at most holds a given partition.
 */
export function piecesOf(
  call: Call,
  partitionsOf: (m: SegmentMessage) => readonly number[],
): Piece[] {
  const pieces: Piece[] = [];
  const open = new Map<number, Piece>();
  call.messages.forEach((message, i) => {
    const partitions = partitionsOf(message);
    const holders = new Set(partitions.flatMap((p) => open.get(p) ?? []));
    const [only] = holders;
    const same =
      only !== undefined &&
      only.partitions.length === partitions.length &&
      partitions.every((p) => open.get(p) === only);
    if (same) {
      only.messages.push(message);
      only.at.push(i);
      return;
    }
    for (const holder of holders) for (const p of holder.partitions) open.delete(p);
    const piece: Piece = { call, partitions, messages: [message], at: [i] };
    pieces.push(piece);
    for (const p of partitions) open.set(p, piece);
  });
  return pieces;
}

/** Records the stored piece's outcomes; answers the call once all its messages are stored. */
export function pieceStored(piece: Piece, outcomes: readonly IngestOutcome[]): void {
  const { call } = piece;
  piece.at.forEach((at, k) => (call.outcomes[at] = outcomes[k]!));
  call.left -= piece.messages.length;
  if (call.left === 0 && !call.settled) {
    call.settled = true;
    call.resolve(call.outcomes);
  }
}

/** Fails the call (once): a piece of it could not be stored even alone. */
export function pieceFailed(piece: Piece, error: unknown): void {
  if (piece.call.settled) return;
  piece.call.settled = true;
  piece.call.reject(error);
}

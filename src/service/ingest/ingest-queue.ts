// Coalesces concurrent ingestion calls of one workspace into shared transactions, in partitions of
// its leads (lead-partition): calls that arrive while the event loop is busy (or while earlier
// runs are being stored) are stored and scored together, one set-based run per partition, and
// on PostgreSQL the runs in flight at once hold disjoint partitions, so they do not wait on each
// other's lead locks. A call spanning partitions is cut into pieces (call-pieces) and answered
// once every piece is durably stored, with its own messages' outcomes only, in order. Should a
// shared run fail, each of its pieces is tried again on its own, so one bad call cannot fail the
// others (the other pieces of a call that failed may be stored: a retry finds them duplicates).
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { piecesOf, pieceFailed, pieceStored, type Call, type Piece } from './call-pieces.js';
import { ingestMessages, type IngestOutcome } from './ingest-messages.js';
import { LeadPartitions } from './lead-partition.js';
import { takeRuns, type Run } from './partition-runs.js';

export interface IngestQueueOptions {
  /** Most messages one shared run takes (a larger piece of a call runs alone). */
  maxMessages?: number;
  /**
   * Partitions of a workspace's leads: runs of different partitions go at once, on leads of
   * their own. Default: 2 on PostgreSQL; 1 on SQLite, which stores one transaction at a time.
   */
  partitions?: number;
  /**
   * Runs of one partition in flight at once. Default: 1 on PostgreSQL (two would wait on each
   * other's lead locks); 2 on SQLite, where the next run is stored while the last one's commit
   * is flushed to disk (its transactions go one at a time, in the order they began).
   */
  runsPerPartition?: number;
}

/** On this machine (2 cores, README "Performance") more runs cost more than they overlap. */
const DEFAULTS = {
  postgres: { partitions: 2, runsPerPartition: 1 },
  sqlite: { partitions: 1, runsPerPartition: 2 },
} as const;

interface Lane {
  pending: Piece[];
  /** Runs in flight per partition. */
  held: Map<number, number>;
  scheduled: boolean;
}

export class IngestQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly partitions: LeadPartitions;
  private readonly maxMessages: number;
  private readonly runsPerPartition: number;

  constructor(
    private readonly store: Store,
    private readonly models: ActiveModels,
    options: IngestQueueOptions = {},
  ) {
    this.maxMessages = options.maxMessages ?? 1000;
    const defaults = DEFAULTS[store.kind];
    const count = options.partitions ?? defaults.partitions;
    this.runsPerPartition = options.runsPerPartition ?? defaults.runsPerPartition;
    for (const [name, n] of [
      ['partitions', count],
      ['runsPerPartition', this.runsPerPartition],
    ] as const)
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`ingest ${name}: expected a whole number from 1, got ${n}`);
    this.partitions = new LeadPartitions(count);
  }

  /** Stores and scores the messages; resolves with one outcome per message, in order. */
  submit(ws: string, messages: readonly SegmentMessage[], now: number): Promise<IngestOutcome[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const call: Call = {
        messages,
        now,
        resolve,
        reject,
        outcomes: [],
        left: messages.length,
        settled: false,
      };
      const pieces = piecesOf(call, (message) => this.partitions.of(ws, message));
      let lane = this.lanes.get(ws);
      if (!lane) this.lanes.set(ws, (lane = { pending: [], held: new Map(), scheduled: false }));
      lane.pending.push(...pieces);
      this.schedule(ws, lane);
    });
  }

  private schedule(ws: string, lane: Lane): void {
    if (lane.scheduled || lane.pending.length === 0) return;
    lane.scheduled = true;
    // The next turn of the event loop: the calls whose requests are read meanwhile join these runs.
    setImmediate(() => {
      lane.scheduled = false;
      const full = [...lane.held].filter(([, runs]) => runs >= this.runsPerPartition);
      const runs = takeRuns(lane.pending, new Set(full.map(([p]) => p)), this.maxMessages);
      for (const run of runs) void this.start(ws, lane, run);
    });
  }

  private async start(ws: string, lane: Lane, run: Run): Promise<void> {
    for (const p of run.partitions) lane.held.set(p, (lane.held.get(p) ?? 0) + 1);
    try {
      await this.run(ws, run.pieces);
    } finally {
      for (const p of run.partitions) {
        const left = lane.held.get(p)! - 1;
        if (left === 0) lane.held.delete(p);
        else lane.held.set(p, left);
      }
      if (lane.pending.length > 0) this.schedule(ws, lane);
      else if (lane.held.size === 0) this.lanes.delete(ws);
    }
  }

  private async run(ws: string, pieces: Piece[]): Promise<void> {
    if (pieces.length === 1) {
      await this.runAlone(ws, pieces[0]!);
      return;
    }
    let outcomes: IngestOutcome[];
    try {
      outcomes = await ingestMessages(
        this.store,
        this.models,
        ws,
        pieces.flatMap((piece) => piece.messages),
        Math.max(...pieces.map((piece) => piece.call.now)),
      );
    } catch {
      // Nothing of the shared run was stored: each piece again, alone and in order (a lead's
      // calls may be in several), with its own outcome.
      for (const piece of pieces) await this.runAlone(ws, piece);
      return;
    }
    let at = 0;
    for (const piece of pieces) {
      pieceStored(piece, outcomes.slice(at, at + piece.messages.length));
      at += piece.messages.length;
    }
  }

  private async runAlone(ws: string, piece: Piece): Promise<void> {
    let outcomes: IngestOutcome[];
    try {
      outcomes = await ingestMessages(this.store, this.models, ws, piece.messages, piece.call.now);
    } catch (error) {
      pieceFailed(piece, error);
      return;
    }
    pieceStored(piece, outcomes);
  }
}

// Coalesces concurrent ingestion calls of one workspace into one transaction. Calls that arrive
// while the event loop is busy (or while earlier runs are being stored) are stored and scored
// together: one set-based run instead of one transaction, model lookup and commit per call,
// which is what lets single /v1/track calls approach the throughput of /v1/batch. Each caller
// still hears back only about its own messages, only once they are durably stored; should the
// shared run fail, every call is tried again on its own, so one bad call cannot fail the others.
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { ingestMessages, type IngestOutcome } from './ingest-messages.js';

export interface IngestQueueOptions {
  /** Most messages one shared run takes (a single call larger than this runs alone). */
  maxMessages?: number;
  /** Runs of one workspace stored at the same time (their commits may overlap). */
  maxInFlight?: number;
}

interface Call {
  messages: readonly SegmentMessage[];
  now: number;
  resolve: (outcomes: IngestOutcome[]) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  pending: Call[];
  inFlight: number;
  scheduled: boolean;
}

export class IngestQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly maxMessages: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly store: Store,
    private readonly models: ActiveModels,
    options: IngestQueueOptions = {},
  ) {
    this.maxMessages = options.maxMessages ?? 1000;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Stores and scores the messages; resolves with one outcome per message, in order. */
  submit(ws: string, messages: readonly SegmentMessage[], now: number): Promise<IngestOutcome[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      let lane = this.lanes.get(ws);
      if (!lane) this.lanes.set(ws, (lane = { pending: [], inFlight: 0, scheduled: false }));
      lane.pending.push({ messages, now, resolve, reject });
      this.schedule(ws, lane);
    });
  }

  private schedule(ws: string, lane: Lane): void {
    if (lane.scheduled || lane.inFlight >= this.maxInFlight || lane.pending.length === 0) return;
    lane.scheduled = true;
    // The next turn of the event loop: the calls whose requests are read meanwhile join this run.
    setImmediate(() => {
      lane.scheduled = false;
      void this.runNext(ws, lane);
    });
  }

  private async runNext(ws: string, lane: Lane): Promise<void> {
    const calls = this.take(lane);
    if (calls.length === 0) return;
    lane.inFlight++;
    try {
      await this.run(ws, calls);
    } finally {
      lane.inFlight--;
      if (lane.pending.length > 0) this.schedule(ws, lane);
      else if (lane.inFlight === 0) this.lanes.delete(ws);
    }
  }

  /** The oldest pending calls, up to maxMessages messages (always at least one call). */
  private take(lane: Lane): Call[] {
    let count = 0;
    let n = 0;
    while (n < lane.pending.length) {
      const size = lane.pending[n]!.messages.length;
      if (n > 0 && count + size > this.maxMessages) break;
      count += size;
      n++;
    }
    return lane.pending.splice(0, n);
  }

  private async run(ws: string, calls: Call[]): Promise<void> {
    if (calls.length === 1) {
      await this.runAlone(ws, calls[0]!);
      return;
    }
    let outcomes: IngestOutcome[];
    try {
      outcomes = await ingestMessages(
        this.store,
        this.models,
        ws,
        calls.flatMap((call) => call.messages),
        Math.max(...calls.map((call) => call.now)),
      );
    } catch {
      // Nothing of the shared run was stored: each call again, alone, with its own outcome.
      await Promise.all(calls.map((call) => this.runAlone(ws, call)));
      return;
    }
    let at = 0;
    for (const call of calls) {
      call.resolve(outcomes.slice(at, at + call.messages.length));
      at += call.messages.length;
    }
  }

  private async runAlone(ws: string, call: Call): Promise<void> {
    try {
      call.resolve(await ingestMessages(this.store, this.models, ws, call.messages, call.now));
    } catch (error) {
      call.reject(error);
    }
  }
}

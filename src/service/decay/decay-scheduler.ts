// Runs the decay sweep every interval (and once at start), one sweep at a time, until stopped.
import type { Store } from '../../store/port.js';
import { RepeatingRound } from '../repeating-round.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { sweepDue, type SweepResult } from './sweep-due.js';

export interface DecaySchedulerOptions {
  intervalMs: number;
  clock: () => number;
  /** Told about each sweep that made changes, and about failures (the next tick tries again). */
  onSweep?: (result: SweepResult) => void;
  onError?: (error: unknown) => void;
}

export class DecayScheduler {
  private readonly rounds: RepeatingRound;

  constructor(
    private readonly store: Store,
    private readonly models: ActiveModels,
    private readonly options: DecaySchedulerOptions,
  ) {
    this.rounds = new RepeatingRound(() => this.sweepNow(), options.intervalMs, options.onError);
  }

  start(): void {
    this.rounds.start();
  }

  /** Runs one sweep now (tests; also what every tick does). */
  async sweepNow(): Promise<SweepResult> {
    const result = await sweepDue(this.store, this.models, this.options.clock());
    if (result.leads > 0) this.options.onSweep?.(result);
    return result;
  }

  /** No new sweep starts; resolves once the one running (if any) has ended. */
  stop(): Promise<void> {
    return this.rounds.stop();
  }
}

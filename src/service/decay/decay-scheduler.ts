// Runs the decay sweep every interval (and once at start), one sweep at a time, until stopped.
import type { Store } from '../../store/port.js';
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly models: ActiveModels,
    private readonly options: DecaySchedulerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Runs one sweep now (tests; also what every tick does). */
  async sweepNow(): Promise<SweepResult> {
    const result = await sweepDue(this.store, this.models, this.options.clock());
    if (result.leads > 0) this.options.onSweep?.(result);
    return result;
  }

  /** No new sweep starts; resolves once the one running (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.sweepNow()
      .then(
        () => undefined,
        (error: unknown) => this.options.onError?.(error),
      )
      .finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.options.intervalMs);
      });
  }
}

// Housekeeping a server repeats (retention, expiry sweeps): once at start, then every hour, never
// two rounds at once. Each round answers how many rows it removed; failures are reported and the
// next round tries again. Every server sharing a database may run the same task: the deletions
// are idempotent, so two servers at once only repeat each other.
const EVERY_MS = 3_600_000;

export interface HourlyTaskOptions {
  /** Called after a round that removed something. */
  onDone?: (removed: number) => void;
  onError?: (error: unknown) => void;
}

export class HourlyTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly round: () => Promise<number>,
    private readonly options: HourlyTaskOptions = {},
  ) {}

  start(): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.round()
        .then(
          (n) => {
            if (n > 0) this.options.onDone?.(n);
          },
          (error: unknown) => this.options.onError?.(error),
        )
        .finally(() => {
          this.running = undefined;
        });
    };
    tick();
    this.timer = setInterval(tick, EVERY_MS);
    this.timer.unref();
  }

  /** No new round starts; resolves once the one running (if any) has ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

// A round of work a server repeats (the decay sweep, the digest check): one at start, then the
// next an interval after the last one ended, never two at once; a failed round is reported and
// the next one tries again.
export class RepeatingRound {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError?: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** No new round starts; resolves once the one running (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.round()
      .then(
        () => undefined,
        (error: unknown) => this.onError?.(error),
      )
      .finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.intervalMs);
      });
  }
}

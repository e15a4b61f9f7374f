// A running server's periodic look for jobs another server started and left behind (it died:
// their lease ran out), so that they are finished without waiting for a restart.
import { LEASE_MS } from './job-lease.js';

export class OrphanWatch {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  /** `check` runs every lease period, one at a time; its failures go to `onError`. */
  constructor(
    private readonly check: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly everyMs = LEASE_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.check()
        .catch(this.onError)
        .finally(() => (this.running = undefined));
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

// Deletes expired sessions (past their absolute expiry or idle too long) at start and then every
// hour, so the sessions table holds live ones only. Idempotent: several servers may run it.
import { sweepSessions, type SessionOptions, type SessionStore } from './sessions.js';

const EVERY_MS = 3_600_000;

export class SessionSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly options: SessionOptions & {
      clock: () => number;
      onSweep?: (sessions: number) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  start(): void {
    const tick = () => {
      this.running = sweepSessions(this.store, this.options.clock(), this.options).then(
        (n) => {
          if (n > 0) this.options.onSweep?.(n);
        },
        (error: unknown) => this.options.onError?.(error),
      );
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

// Audit retention: entries older than the retention period (LEADSCORE_AUDIT_RETENTION_DAYS,
// default 365) are deleted, once at start and then every hour. Every server sharing a database
// runs it: the deletion is one idempotent statement, so two servers at once only repeat it.
import type { Store } from '../../store/port.js';

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;
const EVERY_MS = 3_600_000;

/** Deletes every workspace's entries older than `days` before `now`; answers how many. */
export function pruneAudit(store: Store, now: number, days: number): Promise<number> {
  return store.deleteAuditBefore(now - days * DAY_MS);
}

export class AuditRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: {
      days: number;
      clock: () => number;
      onPrune?: (entries: number) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  start(): void {
    const tick = () => {
      this.running = pruneAudit(this.store, this.options.clock(), this.options.days).then(
        (n) => {
          if (n > 0) this.options.onPrune?.(n);
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

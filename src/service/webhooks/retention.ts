// Webhook retention: messages older than the retention period that nobody still has to deliver
// are deleted with their deliveries and attempts, in small chunks (short transactions), once at
// start and then every hour, so the outbox does not grow without bound.
import type { Store } from '../../store/port.js';

export const DEFAULT_WEBHOOK_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;
const CHUNK = 1000;
const EVERY_MS = 3_600_000;

/** Deletes every message older than `days` before `now` that is done; answers how many. */
export async function pruneWebhooks(
  store: Store,
  now: number,
  days: number,
  chunk = CHUNK,
): Promise<number> {
  const before = now - days * DAY_MS;
  let total = 0;
  for (;;) {
    const pruned = await store.pruneWebhookMessages({ before, limit: chunk });
    total += pruned;
    if (pruned < chunk) return total;
  }
}

export class WebhookRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: {
      days: number;
      clock: () => number;
      onPrune?: (messages: number) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  start(): void {
    const tick = () => {
      this.running = pruneWebhooks(this.store, this.options.clock(), this.options.days).then(
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

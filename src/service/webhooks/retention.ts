// Webhook retention: messages older than the retention period that nobody still has to deliver
// are deleted with their deliveries and attempts, in small chunks (short transactions), once at
// start and then every hour, so the outbox does not grow without bound.
import type { Store } from '../../store/port.js';
import { HourlyTask, type HourlyTaskOptions } from '../hourly-task.js';

export const DEFAULT_WEBHOOK_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;
const CHUNK = 1000;

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

/** The hourly task that prunes delivered webhook messages older than `days`. */
export function webhookRetention(
  store: Store,
  options: { days: number; clock: () => number } & HourlyTaskOptions,
): HourlyTask {
  return new HourlyTask(() => pruneWebhooks(store, options.clock(), options.days), options);
}

// The delivery worker's settings with their defaults: one schema, so a partial set (from the
// environment, from a test) is completed the same way everywhere.
import { z } from 'zod';

const ms = z.number().int().positive();

export const webhookWorkerOptionsSchema = z
  .object({
    /** How often to look for due deliveries when nothing wakes the worker sooner. */
    pollMs: ms.default(500),
    /** The longest an attempt may take (connect, answer and the excerpt of the body). */
    timeoutMs: ms.default(10_000),
    /** How long a delivery is retried, from its first attempt, before it is failed for good. */
    retryPeriodMs: ms.default(24 * 3_600_000),
    /** The cap of the first retry's delay (full jitter); it doubles with each attempt. */
    backoffBaseMs: ms.default(10_000),
    /** The most a retry's delay cap grows to. */
    backoffMaxMs: ms.default(3_600_000),
    /** Failed attempts in a row, across a subscription's deliveries, that disable it. */
    disableAfter: z.number().int().positive().default(20),
    /** Attempts in flight at once (each to a different lead of a subscription, or another one). */
    concurrency: z.number().int().positive().default(8),
    /**
     * How long a claim holds a delivery: once it runs out another process may send it again (after
     * a crash, the restarted server waits this long for what was in flight). Default: the timeout
     * and 5 s to record the attempt.
     */
    leaseMs: ms.optional(),
    /**
     * Refuse URLs that reach loopback, private, link-local or CGNAT addresses (SSRF guard). On
     * unless turned off (LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1, for a development machine).
     */
    blockPrivateNetworks: z.boolean().default(true),
  })
  .refine((o) => o.leaseMs === undefined || o.leaseMs > o.timeoutMs, {
    message: 'the lease must be longer than the timeout',
    path: ['leaseMs'],
  });

export type WebhookWorkerOptions = z.infer<typeof webhookWorkerOptionsSchema>;
export type WebhookWorkerSettings = z.input<typeof webhookWorkerOptionsSchema>;

/** The worker's settings the environment gives (see config.ts); the rest take their defaults. */
export function webhookSettingsFrom(env: {
  LEADSCORE_WEBHOOK_POLL_MS?: number | undefined;
  LEADSCORE_WEBHOOK_TIMEOUT_MS?: number | undefined;
  LEADSCORE_WEBHOOK_RETRY_PERIOD_MS?: number | undefined;
  LEADSCORE_WEBHOOK_BACKOFF_BASE_MS?: number | undefined;
  LEADSCORE_WEBHOOK_BACKOFF_MAX_MS?: number | undefined;
  LEADSCORE_WEBHOOK_DISABLE_AFTER?: number | undefined;
  LEADSCORE_WEBHOOK_CONCURRENCY?: number | undefined;
  LEADSCORE_WEBHOOK_LEASE_MS?: number | undefined;
  LEADSCORE_WEBHOOK_ALLOW_PRIVATE?: boolean | undefined;
}): WebhookWorkerSettings {
  const settings: WebhookWorkerSettings = {
    pollMs: env.LEADSCORE_WEBHOOK_POLL_MS,
    timeoutMs: env.LEADSCORE_WEBHOOK_TIMEOUT_MS,
    retryPeriodMs: env.LEADSCORE_WEBHOOK_RETRY_PERIOD_MS,
    backoffBaseMs: env.LEADSCORE_WEBHOOK_BACKOFF_BASE_MS,
    backoffMaxMs: env.LEADSCORE_WEBHOOK_BACKOFF_MAX_MS,
    disableAfter: env.LEADSCORE_WEBHOOK_DISABLE_AFTER,
    concurrency: env.LEADSCORE_WEBHOOK_CONCURRENCY,
    leaseMs: env.LEADSCORE_WEBHOOK_LEASE_MS,
    // LEADSCORE_WEBHOOK_BLOCK_PRIVATE only restates the default (config.ts refuses a contradiction).
    blockPrivateNetworks: env.LEADSCORE_WEBHOOK_ALLOW_PRIVATE ? false : undefined,
  };
  return Object.fromEntries(
    Object.entries(settings).filter(([, v]) => v !== undefined),
  ) as WebhookWorkerSettings;
}

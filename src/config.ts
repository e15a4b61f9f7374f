// The one place that reads the environment: parsed once, frozen.
import { z } from 'zod';

/** Keys and secrets given by the environment: 32 characters are beyond any search of a hash. */
const longSecret = z
  .string()
  .min(32, 'use at least 32 characters (e.g. the output of `openssl rand -base64 32`)');

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a port number')
    .min(0, 'expected a port number from 0 to 65535')
    .max(65535, 'expected a port number from 0 to 65535')
    .optional(),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  LEADSCORE_ADMIN_KEY: longSecret.optional(),
  LEADSCORE_WRITE_KEY: longSecret.optional(),
  /** Encrypts webhook signing secrets at rest (service/secret-box.ts). */
  LEADSCORE_SECRET_KEY: longSecret.optional(),
  /** Calls a minute per write key (a key's own setting wins). */
  LEADSCORE_WRITE_KEY_RATE_LIMIT: z.coerce.number().int().positive().optional(),
  /** Partitions of a workspace's leads for ingestion, runs of each going at once (2 on PostgreSQL, 1 on SQLite). */
  LEADSCORE_INGEST_PARTITIONS: z.coerce.number().int().positive().optional(),
  /** Webhook delivery worker (defaults in service/webhooks/worker-options.ts). */
  LEADSCORE_WEBHOOK_POLL_MS: z.coerce.number().int().positive().optional(),
  LEADSCORE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  LEADSCORE_WEBHOOK_RETRY_PERIOD_MS: z.coerce.number().int().positive().optional(),
  LEADSCORE_WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().positive().optional(),
  LEADSCORE_WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().positive().optional(),
  LEADSCORE_WEBHOOK_DISABLE_AFTER: z.coerce.number().int().positive().optional(),
  LEADSCORE_WEBHOOK_CONCURRENCY: z.coerce.number().int().positive().optional(),
  LEADSCORE_WEBHOOK_LEASE_MS: z.coerce.number().int().positive().optional(),
  /** 1 or true: webhook URLs may reach private networks (the guard is on by default). */
  LEADSCORE_WEBHOOK_ALLOW_PRIVATE: flag.optional(),
  /** Before the guard was on by default, 1 turned it on: still accepted, it restates the default. */
  LEADSCORE_WEBHOOK_BLOCK_PRIVATE: flag.optional(),
  /** Days a delivered (or given-up) webhook message is kept (service/webhooks/retention.ts). */
  LEADSCORE_WEBHOOK_RETENTION_DAYS: z.coerce.number().positive().optional(),
  /**
   * SQLite durability: 'full' acknowledges a call once it is on disk (survives power loss);
   * 'normal' once it is written to the WAL (survives a crash of the server, not of the machine).
   */
  LEADSCORE_SQLITE_SYNC: z.enum(['full', 'normal']).optional(),
  /** How often the decay sweep runs (seconds); a decay transition is made within one interval. */
  LEADSCORE_DECAY_SWEEP_SECONDS: z.coerce.number().positive().optional(),
  /** Bytes an import request may upload (POST /v1/imports); 2 GiB when unset. */
  LEADSCORE_IMPORT_MAX_BYTES: z.coerce.number().int().positive().optional(),
  /** Where people reach the dashboard (behind a proxy, say): sign-in links point there. */
  LEADSCORE_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .optional(),
  /** The first owner's e-mail on a fresh database (`serve` prints its one-time sign-in link). */
  LEADSCORE_OWNER_EMAIL: z.email({ error: 'expected an e-mail address' }).optional(),
  /** The demo users' shared password (`serve --demo`); a fixed documented one when unset. */
  LEADSCORE_DEMO_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
  /** How much `serve` logs (JSON lines on stdout): one line per request at info. */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
});

export type Config = Readonly<z.infer<typeof envSchema>>;

/** A wrong environment: the user's mistake, told in one line (no stack trace). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The old opt-in flag may restate the guard's default, not contradict what is in force. */
const agreedSchema = envSchema.superRefine((env, ctx) => {
  const block = env.LEADSCORE_WEBHOOK_BLOCK_PRIVATE;
  if (block === undefined || block === !env.LEADSCORE_WEBHOOK_ALLOW_PRIVATE) return;
  ctx.addIssue({
    code: 'custom',
    path: ['LEADSCORE_WEBHOOK_BLOCK_PRIVATE'],
    message: block
      ? 'contradicts LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1: unset one of them'
      : 'no longer turns the webhook guard off (it is on by default): set LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1 instead',
  });
});

/** Reads the environment, or throws a ConfigError naming every variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = agreedSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}

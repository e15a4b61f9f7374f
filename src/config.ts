// The one place that reads the environment: parsed once, frozen.
import { z } from 'zod';
import { ROLES } from './store/team-records.js';

/** Keys and secrets given by the environment: 32 characters are beyond any search of a hash. */
const longSecret = z
  .string()
  .min(32, 'use at least 32 characters (e.g. the output of `openssl rand -base64 32`)');

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** An https URL, or http to this machine (a provider or dashboard under development). */
const webUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).refine(
  (v) => {
    const url = new URL(v);
    return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  },
  { message: 'expected an https URL (http only for localhost or 127.0.0.1)' },
);

/** `example.com, Example.org` → ['example.com', 'example.org']. */
const domainList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter((d) => d !== ''),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'expected a comma-separated list of e-mail domains'),
    ),
  );

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
  /** Days an audit entry is kept (service/audit/audit-retention.ts); 365 when unset. */
  LEADSCORE_AUDIT_RETENTION_DAYS: z.coerce.number().positive().optional(),
  /**
   * SQLite durability: 'full' acknowledges a call once it is on disk (survives power loss);
   * 'normal' once it is written to the WAL (survives a crash of the server, not of the machine).
   */
  LEADSCORE_SQLITE_SYNC: z.enum(['full', 'normal']).optional(),
  /** How often the decay sweep runs (seconds); a decay transition is made within one interval. */
  LEADSCORE_DECAY_SWEEP_SECONDS: z.coerce.number().positive().optional(),
  /** Bytes an import request may upload (POST /v1/imports); 2 GiB when unset. */
  LEADSCORE_IMPORT_MAX_BYTES: z.coerce.number().int().positive().optional(),
  /** A session not used for this many minutes ends (480 when unset). */
  LEADSCORE_SESSION_IDLE_MINUTES: z.coerce.number().positive().optional(),
  /** A session ends this many hours after sign-in however it is used (168 when unset). */
  LEADSCORE_SESSION_MAX_HOURS: z.coerce.number().positive().optional(),
  /**
   * Behind a reverse proxy: 1/true trusts X-Forwarded-For/-Proto from any hop, anything else but
   * 0/false is a comma-separated list of the proxies' addresses or CIDRs. The client's
   * address (sign-in throttling, audit) and whether it came over HTTPS (the cookie's Secure) then
   * come from those headers.
   */
  LEADSCORE_TRUST_PROXY: z
    .string()
    .transform((v): boolean | string =>
      /^(1|true)$/.test(v) ? true : /^(0|false)$/.test(v) ? false : v,
    )
    .optional(),
  /** Where people reach the dashboard (behind a proxy, say): sign-in links point there. */
  LEADSCORE_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .optional(),
  /**
   * The daily digest's hour (0-23, in each workspace's digest time zone) for workspaces that have
   * not set their own; `off` (the default) sends none unless a workspace sets an hour.
   */
  LEADSCORE_DIGEST_HOUR: z
    .string()
    .regex(/^(off|[0-9]|1[0-9]|2[0-3])$/, 'expected an hour 0-23 or off')
    .transform((v): number | null => (v === 'off' ? null : Number(v)))
    .optional(),
  /** The first owner's e-mail on a fresh database (`serve` prints its one-time sign-in link). */
  LEADSCORE_OWNER_EMAIL: z.email({ error: 'expected an e-mail address' }).optional(),
  /** The demo users' shared password (`serve --demo`); a fixed documented one when unset. */
  LEADSCORE_DEMO_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
  /** Single sign-on with OpenID Connect: issuer, client id and secret go together. */
  LEADSCORE_OIDC_ISSUER: webUrl.optional(),
  LEADSCORE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  LEADSCORE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** E-mail domains that may sign in by single sign-on (any when unset). */
  LEADSCORE_OIDC_ALLOWED_DOMAINS: domainList.optional(),
  /** The role of a person's first single sign-on (viewer when unset). */
  LEADSCORE_OIDC_DEFAULT_ROLE: z.enum(ROLES).optional(),
  /** A claim naming a role (or a list of them) that sets the role at each single sign-on. */
  LEADSCORE_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  /** The workspace (id or name) a first single sign-on joins; the first workspace when unset. */
  LEADSCORE_OIDC_WORKSPACE: z.string().min(1).optional(),
  /** The sign-in button's label. */
  LEADSCORE_OIDC_NAME: z.string().min(1).max(60).optional(),
  /** How much `serve` logs (JSON lines on stdout): one line per request at info. */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
});

export type Config = Readonly<z.infer<typeof envSchema>>;

/** A wrong environment: the user's mistake, told in one line (no stack trace). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const OIDC_REQUIRED = [
  'LEADSCORE_OIDC_ISSUER',
  'LEADSCORE_OIDC_CLIENT_ID',
  'LEADSCORE_OIDC_CLIENT_SECRET',
  'LEADSCORE_PUBLIC_URL',
] as const;
const OIDC_OPTIONAL = [
  'LEADSCORE_OIDC_ALLOWED_DOMAINS',
  'LEADSCORE_OIDC_DEFAULT_ROLE',
  'LEADSCORE_OIDC_ROLE_CLAIM',
  'LEADSCORE_OIDC_WORKSPACE',
  'LEADSCORE_OIDC_NAME',
] as const;

/** Half a single sign-on configuration names what it lacks rather than leaving the button broken. */
function checkOidc(env: z.infer<typeof envSchema>, ctx: z.RefinementCtx): void {
  const given = [...OIDC_REQUIRED, ...OIDC_OPTIONAL].filter(
    (name) => name !== 'LEADSCORE_PUBLIC_URL' && env[name] !== undefined,
  );
  if (given.length === 0) return;
  for (const name of OIDC_REQUIRED.filter((n) => env[n] === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [name],
      message: `missing: single sign-on needs it (${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set)`,
    });
}

/**
 * The old opt-in flag may restate the guard's default, not contradict what is in force; single
 * sign-on is configured whole or not at all.
 */
const agreedSchema = envSchema.superRefine((env, ctx) => {
  checkOidc(env, ctx);
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

// Runs the server: opens the store the configuration names, migrates it, makes the first
// workspace (printing its write key once), optionally seeds the demo and its users, listens,
// prints the first owner's sign-in link on a database without users, and drains on SIGTERM.
// Its own messages go to `log` (stderr); request logs are JSON lines on stdout (logging.ts).
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import { OidcClient } from '../service/auth/oidc-client.js';
import { oidcSettingsFrom } from '../service/auth/oidc-settings.js';
import { ssoWorkspace } from '../service/auth/sso.js';
import { SsoError } from '../service/auth/sso-errors.js';
import { sessionSweep as sessionSweepTask } from '../service/auth/session-sweep.js';
import { retrainingSweep } from '../service/predictive/retraining-sweep.js';
import { sessionOptions } from '../service/auth/sessions.js';
import { DecayScheduler } from '../service/decay/decay-scheduler.js';
import { DigestScheduler } from '../service/digest/digest-scheduler.js';
import { announceSignIn, prepareFirstStart } from '../service/first-start.js';
import { OrphanWatch } from '../service/jobs/orphan-watch.js';
import { publicUrlOf } from '../service/users/public-url.js';
import { resumeActivations } from '../service/models/activation.js';
import { ActiveModels } from '../service/scoring/active-model.js';
import { DEFAULT_WEBHOOK_RETENTION_DAYS, webhookRetention } from '../service/webhooks/retention.js';
import {
  auditRetention as auditRetentionTask,
  DEFAULT_AUDIT_RETENTION_DAYS,
} from '../service/audit/audit-retention.js';
import { SecretKeyError, secretBox } from '../service/secret-box.js';
import { sealStoredSecrets } from '../service/webhooks/stored-secrets.js';
import { WebhookWorker } from '../service/webhooks/worker.js';
import { channelDispatch } from '../service/channels/dispatch.js';
import { sealChannelSecrets } from '../service/channels/sealed-channel-secrets.js';
import { closeSmtpPools } from '../service/channels/smtp-pool.js';
import { webhookSettingsFrom } from '../service/webhooks/worker-options.js';
import type { Store } from '../store/port.js';
import { buildApp } from './app.js';
import { sweepUploadFolders } from './upload-folder.js';
import { openConfiguredStore } from './open-store.js';
import { listenStartupError, StartupError, storeStartupError } from './startup-error.js';

/** The decay sweep's default interval: transitions are made within a minute of their time. */
export const DEFAULT_DECAY_SWEEP_SECONDS = 60;

export interface ServeOptions {
  port: number;
  host: string;
  /** The SQLite file when the configuration names no PostgreSQL database. */
  db: string;
  demo: boolean;
  log: (line: string) => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens and migrates the configured store; a database that cannot be used is a StartupError. */
async function openStore(
  config: Config,
  file: string,
): Promise<{ store: Store; applied: string[] }> {
  const where = config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { sqliteFile: file };
  // better-sqlite3 says so with a TypeError that carries no code.
  if (!config.DATABASE_URL && !existsSync(dirname(file)))
    throw new StartupError(
      `cannot open the SQLite database ${file} (--db): the folder ${dirname(file)} does not exist`,
    );
  let store: Store | undefined;
  try {
    store = openConfiguredStore(config, file);
    return { store, applied: await store.migrate() };
  } catch (error) {
    await store?.close().catch(() => undefined);
    throw storeStartupError(error, where) ?? error;
  }
}

export async function startServer(config: Config, options: ServeOptions): Promise<RunningServer> {
  const { store, applied } = await openStore(config, options.db);
  if (applied.length > 0) options.log(`migrations applied: ${applied.join(', ')}`);
  const swept = await sweepUploadFolders();
  if (swept > 0) options.log(`imports: ${swept} upload folders of stopped servers removed`);
  const secrets = secretBox(config.LEADSCORE_SECRET_KEY);
  if (!secrets.encrypts)
    options.log(
      'warning: LEADSCORE_SECRET_KEY is not set, so webhook signing secrets and channel secrets are stored in clear',
    );
  // A missing or wrong key stops the start here, before anything is signed with it.
  const sealed = await sealStoredSecrets(store, secrets).catch(async (error: unknown) => {
    await store.close();
    throw error instanceof SecretKeyError ? new StartupError(error.message) : error;
  });
  if (sealed > 0) options.log(`webhooks: ${sealed} signing secrets encrypted at rest`);
  const sealedChannels = await sealChannelSecrets(store, secrets).catch(async (error: unknown) => {
    await store.close();
    throw error instanceof SecretKeyError ? new StartupError(error.message) : error;
  });
  if (sealedChannels > 0)
    options.log(`channels: the secrets of ${sealedChannels} channels encrypted at rest`);
  const models = new ActiveModels();
  const clock = () => Date.now();
  // Jobs run in this process: any left unfinished were cut short when the last one died.
  const resumed = await resumeActivations(store, models, clock);
  for (const job of resumed.resumed)
    options.log(`resuming job ${job.id} (${job.kind}), left unfinished by the previous process`);
  for (const job of resumed.failed) options.log(`job ${job.id} (${job.kind}) failed: ${job.error}`);
  for (const job of resumed.skipped)
    options.log(`job ${job.id} (${job.kind}) is being run by another server (it holds the lease)`);

  const firstStart = {
    now: clock(),
    demo: options.demo,
    adminKey: config.LEADSCORE_ADMIN_KEY,
    writeKey: config.LEADSCORE_WRITE_KEY,
    demoPassword: config.LEADSCORE_DEMO_PASSWORD,
    log: options.log,
  };
  const startedWith = await prepareFirstStart(store, models, firstStart);

  // Delivers the webhook outbox: what a previous process left pending goes out too.
  // Known once listening (`--port 0` picks one); messages sent before read it when they go.
  let sendersUrl = config.LEADSCORE_PUBLIC_URL;
  const channels = channelDispatch({
    store,
    clock,
    secrets,
    publicUrl: () => sendersUrl,
    log: options.log,
    blockPrivateNetworks: !config.LEADSCORE_WEBHOOK_ALLOW_PRIVATE,
  });
  const webhooks = new WebhookWorker(
    { store, clock, random: Math.random, log: options.log, secrets, channels },
    webhookSettingsFrom(config),
  );
  const sso = oidcSettingsFrom(config);
  // A workspace named wrong is a mistake of the setup; the provider being down is not (discovery
  // waits for the first sign-in).
  if (sso)
    await ssoWorkspace(store, sso.policy).catch(async (error: unknown) => {
      await store.close();
      throw error instanceof SsoError ? new StartupError(error.message) : error;
    });
  if (sso)
    options.log(
      `single sign-on: ${sso.issuer} (register the redirect URI ${sso.redirectUri} at the provider)`,
    );
  const sessions = sessionOptions(
    config.LEADSCORE_SESSION_IDLE_MINUTES,
    config.LEADSCORE_SESSION_MAX_HOURS,
  );
  const app = await buildApp({
    store,
    ...(sso ? { oidc: new OidcClient(sso) } : {}),
    models,
    clock,
    writeKeyRateLimit: config.LEADSCORE_WRITE_KEY_RATE_LIMIT,
    ingest: { partitions: config.LEADSCORE_INGEST_PARTITIONS },
    webhooks,
    secrets,
    sendersPublicUrl: () => sendersUrl,
    imports: { maxBytes: config.LEADSCORE_IMPORT_MAX_BYTES },
    logging: { level: config.LOG_LEVEL ?? 'info' },
    sessions,
    digestHour: config.LEADSCORE_DIGEST_HOUR ?? null,
    ...(config.LEADSCORE_TRUST_PROXY === undefined
      ? {}
      : { trustProxy: config.LEADSCORE_TRUST_PROXY }),
    ...(config.LEADSCORE_PUBLIC_URL === undefined
      ? {}
      : { publicUrl: publicUrlOf(config.LEADSCORE_PUBLIC_URL, options.port) }),
  });
  let url: string;
  try {
    url = await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    await store.close();
    throw listenStartupError(error, options.host, options.port) ?? error;
  }
  // The link's address is known once listening (`--port 0` picks one).
  const publicUrl = publicUrlOf(config.LEADSCORE_PUBLIC_URL, Number(new URL(url).port));
  sendersUrl = publicUrl;
  await announceSignIn(
    store,
    startedWith,
    { ...firstStart, ownerEmail: config.LEADSCORE_OWNER_EMAIL, publicUrl },
    options.log,
  );
  webhooks.start();
  // Leads whose segment decay has changed are moved on time, not on their next read.
  const decay = new DecayScheduler(store, models, {
    intervalMs: (config.LEADSCORE_DECAY_SWEEP_SECONDS ?? DEFAULT_DECAY_SWEEP_SECONDS) * 1000,
    clock,
    onSweep: (r) => options.log(`decay: ${r.leads} due leads scored again, ${r.changes} changes`),
    onError: (error) => options.log(`decay sweep failed (retried next interval): ${String(error)}`),
  });
  decay.start();
  // Each owner's daily digest once its workspace's hour has come, once per day across servers.
  const digests = new DigestScheduler({
    store,
    models,
    defaults: { hour: config.LEADSCORE_DIGEST_HOUR ?? null },
    publicUrl: () => sendersUrl,
    clock,
    onSend: (r) => options.log(`digest: ${r.sent} daily digests enqueued`),
    onError: (error, ws) =>
      options.log(
        `daily digest failed${ws === undefined ? '' : ` for workspace ${ws}`} (retried next minute): ${String(error)}`,
      ),
  });
  digests.start();
  // Delivered webhook messages older than the retention period go, so the outbox stays small.
  const retention = webhookRetention(store, {
    days: config.LEADSCORE_WEBHOOK_RETENTION_DAYS ?? DEFAULT_WEBHOOK_RETENTION_DAYS,
    clock,
    onDone: (n) => options.log(`webhooks: ${n} delivered messages past retention deleted`),
    onError: (error) =>
      options.log(`webhook retention failed (retried in an hour): ${String(error)}`),
  });
  retention.start();
  // Audit entries older than their retention period go.
  const auditRetention = auditRetentionTask(store, {
    days: config.LEADSCORE_AUDIT_RETENTION_DAYS ?? DEFAULT_AUDIT_RETENTION_DAYS,
    clock,
    onDone: (n) => options.log(`audit: ${n} entries past retention deleted`),
    onError: (error) =>
      options.log(`audit retention failed (retried in an hour): ${String(error)}`),
  });
  auditRetention.start();
  // Sessions past their expiry are refused when used; this removes the ones never used again.
  const sessionSweep = sessionSweepTask(store, {
    ...sessions,
    clock,
    onError: (error) => options.log(`session sweep failed (retried in an hour): ${String(error)}`),
  });
  sessionSweep.start();
  // Predictive models retrained on their workspace's schedule, each due run by one server only.
  const retraining = retrainingSweep(store, models, {
    clock,
    onDone: (n) => options.log(`predictive: ${n} scheduled retraining runs done`),
    onError: (error) =>
      options.log(`scheduled retraining failed (retried in an hour): ${String(error)}`),
  });
  retraining.start();
  // Jobs another server left (it died mid-job) are taken over once their lease runs out.
  const orphans = new OrphanWatch(
    async () => {
      const taken = await resumeActivations(store, models, clock, { orphansOnly: true });
      for (const job of taken.resumed)
        options.log(`taking over job ${job.id} (${job.kind}): its server stopped renewing it`);
      for (const job of taken.failed)
        options.log(`job ${job.id} (${job.kind}) failed: ${job.error}`);
    },
    (error) => options.log(`looking for abandoned jobs failed (retried): ${String(error)}`),
  );
  orphans.start();
  options.log(
    `leadscore listening on ${url} (${config.DATABASE_URL ? 'PostgreSQL' : `SQLite ${options.db}`}); API reference at ${url}/docs`,
  );
  return {
    url,
    // Fastify's close stops accepting connections and waits for in-flight requests.
    close: async () => {
      await app.close();
      await decay.stop();
      await digests.stop();
      await retention.stop();
      await auditRetention.stop();
      await sessionSweep.stop();
      await retraining.stop();
      await orphans.stop();
      // Attempts in flight are recorded first (each ends by its timeout).
      await webhooks.stop();
      // Pooled SMTP connections would otherwise keep the process alive.
      closeSmtpPools();
      await store.close();
    },
  };
}

// nodemailer SMTP transports, one pooled transport per e-mail channel, kept while the channel's
// settings stay the same and rebuilt (the old one closed) when they change.
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { emailConfigSchema, emailSecretsSchema, type EmailConfig } from './kind-settings.js';
import type { OpenChannel } from './sender-types.js';

type Pooled = Transporter<SMTPPool.SentMessageInfo>;

/** Seconds an SMTP server may take before the attempt counts as failed (and is retried). */
const TIMEOUT_MS = 30_000;

const pools = new Map<string, { fingerprint: string; transport: Pooled }>();

export type Transport =
  { ok: true; transport: Pooled; config: EmailConfig } | { ok: false; error: string };

export function smtpTransport(open: OpenChannel): Transport {
  const config = emailConfigSchema.safeParse(open.channel.config);
  const secrets = emailSecretsSchema.safeParse(open.secrets);
  if (!config.success || !secrets.success)
    return { ok: false, error: "the channel's SMTP settings are not complete" };
  // A digest of the settings, so that the map never holds the password as a key.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([config.data, secrets.data]))
    .digest('hex');
  const known = pools.get(open.channel.id);
  if (known?.fingerprint === fingerprint)
    return { ok: true, transport: known.transport, config: config.data };
  known?.transport.close();
  const { host, port, secure, requireTls, user } = config.data;
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host,
    port,
    secure,
    requireTLS: requireTls,
    ...(user ? { auth: { user, pass: secrets.data.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  pools.set(open.channel.id, { fingerprint, transport });
  return { ok: true, transport, config: config.data };
}

/** Closes every pooled connection (a server shutting down, or a test ending). */
export function closeSmtpPools(): void {
  for (const { transport } of pools.values()) transport.close();
  pools.clear();
}

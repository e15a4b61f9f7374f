// What each kind of channel is configured with, as zod schemas: the settings answered back
// (`config`), the secret ones that never are and are sealed at rest (`secrets`), and for the
// kinds that write scores back to a system of record, the write-back settings (`sync`).
import { z } from 'zod';
import type { ChannelKind } from '../../store/port.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
const text = z.string().trim().min(1);

/** SMTP sent with nodemailer. */
export const emailConfigSchema = z.strictObject({
  host: text.describe('The SMTP server'),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** Refuse to send when the server does not offer STARTTLS. */
  requireTls: z.boolean().default(false),
  user: text.optional().describe('The SMTP user; the password is a secret'),
  from: text.describe('The sender: an address, or "Name <address>"'),
  replyTo: z.email().optional(),
});
export const emailSecretsSchema = z.strictObject({ password: text.optional() });

/** A Slack incoming webhook, sent with @slack/webhook: its URL is the secret. */
export const slackConfigSchema = z.strictObject({
  /** Shown in the channel list to tell channels apart (the URL itself is secret). */
  description: z.string().max(200).optional(),
});
export const slackSecretsSchema = z.strictObject({ webhookUrl: httpUrl });

/** A Segment-compatible HTTP API (Segment, RudderStack, Jitsu, another leadscore). */
export const segmentConfigSchema = z.strictObject({
  host: httpUrl.default('https://api.segment.io'),
  /** The batch endpoint's path on the host. */
  path: z.string().startsWith('/').default('/v1/batch'),
});
export const segmentSecretsSchema = z.strictObject({ writeKey: text });

/** HubSpot with a private-app token (@hubspot/api-client). */
export const hubspotConfigSchema = z.strictObject({
  /** The API's base; another only for a HubSpot-compatible test server. */
  baseUrl: httpUrl.default('https://api.hubapi.com'),
});
export const hubspotSecretsSchema = z.strictObject({ accessToken: text });

/** Salesforce with jsforce: OAuth client credentials, or the username-password flow. */
export const salesforceConfigSchema = z.strictObject({
  loginUrl: httpUrl.default('https://login.salesforce.com'),
  flow: z.enum(['client_credentials', 'password']),
  clientId: text,
  username: text.optional(),
  /** Leads or contacts are written. */
  object: z.enum(['Lead', 'Contact']).default('Lead'),
  apiVersion: z
    .string()
    .regex(/^\d+\.\d$/, 'expected a version like 61.0')
    .default('61.0'),
});
export const salesforceSecretsSchema = z.strictObject({
  clientSecret: text,
  password: text.optional(),
  securityToken: z.string().optional(),
});

/** The lead fields written back, and their names in the destination. */
export const SYNC_FIELDS = ['score', 'grade', 'segment', 'stage', 'owner'] as const;
export type SyncField = (typeof SYNC_FIELDS)[number];

const propertyName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,79}$/,
    'expected a property name: a letter, then letters, digits or _',
  );

export const syncSettingsSchema = z.strictObject({
  /** Destination names per field; a field left out keeps its default name. */
  fields: z
    .strictObject({
      score: propertyName.default('leadscore_score'),
      grade: propertyName.default('leadscore_grade'),
      segment: propertyName.default('leadscore_segment'),
      stage: propertyName.default('leadscore_stage'),
      owner: propertyName.default('leadscore_owner'),
    })
    .prefault({}),
  /** Decimals of the score written (0: whole points); a change below it is not written. */
  precision: z.number().int().min(0).max(4).default(0),
});
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export interface KindSettings {
  config: z.ZodType<Record<string, unknown>>;
  secrets: z.ZodType<Record<string, unknown>>;
  /** True for the kinds that can write lead state back (segment, hubspot, salesforce). */
  syncs: boolean;
}

export const KIND_SETTINGS: Record<ChannelKind, KindSettings> = {
  email: { config: emailConfigSchema, secrets: emailSecretsSchema, syncs: false },
  slack: { config: slackConfigSchema, secrets: slackSecretsSchema, syncs: false },
  segment: { config: segmentConfigSchema, secrets: segmentSecretsSchema, syncs: true },
  hubspot: { config: hubspotConfigSchema, secrets: hubspotSecretsSchema, syncs: true },
  salesforce: { config: salesforceConfigSchema, secrets: salesforceSecretsSchema, syncs: true },
};

export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type EmailSecrets = z.infer<typeof emailSecretsSchema>;
export type SlackSecrets = z.infer<typeof slackSecretsSchema>;
export type SegmentConfig = z.infer<typeof segmentConfigSchema>;
export type SegmentSecrets = z.infer<typeof segmentSecretsSchema>;
export type HubspotConfig = z.infer<typeof hubspotConfigSchema>;
export type HubspotSecrets = z.infer<typeof hubspotSecretsSchema>;
export type SalesforceConfig = z.infer<typeof salesforceConfigSchema>;
export type SalesforceSecrets = z.infer<typeof salesforceSecretsSchema>;

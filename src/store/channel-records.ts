// The channel records the store keeps: where scores are delivered (e-mail, Slack, a CDP, a CRM),
// and the daily digest's settings. The store treats `config`, `secrets` and `sync` as opaque: the
// service validates them per kind (service/channels) and seals the secrets before storing them.
import { z } from 'zod';

/** Epoch milliseconds, UTC. */
const millis = z.number();

export const CHANNEL_KINDS = ['email', 'slack', 'segment', 'hubspot', 'salesforce'] as const;
export const channelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof channelKindSchema>;

const jsonObject = z.record(z.string(), z.unknown());

export const newChannelSchema = z.object({
  kind: channelKindSchema,
  name: z.string(),
  /** The settings that are not secret. */
  config: jsonObject,
  /** The secret settings as the service stores them (sealed JSON text, or '' when none). */
  secrets: z.string(),
  /** Write-back settings; null when the channel does not sync lead state. */
  sync: jsonObject.nullable(),
  /** Who made it (a user's e-mail or a key's name); null when unknown. */
  createdBy: z.string().nullable(),
});

export const channelSchema = newChannelSchema.extend({
  id: z.string(),
  workspaceId: z.string(),
  /** Its delivery queue: the webhook_subscriptions row whose deliveries are its messages. */
  subscriptionId: z.string(),
  enabled: z.boolean(),
  /** Why it is disabled (by a person, or after a run of failed attempts); null when enabled. */
  disabledReason: z.string().nullable(),
  /** Failed attempts since the last successful one. */
  consecutiveFailures: z.number().int(),
  createdAt: millis,
  updatedAt: millis,
});

/** Enabling one that was disabled clears its reason and failure run, as for webhooks. */
export const channelPatchSchema = z
  .object({
    name: z.string(),
    config: jsonObject,
    secrets: z.string(),
    sync: jsonObject.nullable(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
  })
  .partial();

export const digestSettingsSchema = z.object({
  /** The channels the digest goes to: e-mail to each owner, Slack to the channel. */
  channelIds: z.array(z.string()),
  /** The hour (0-23) in `timeZone` it is sent; null when it is off. */
  hour: z.number().int().min(0).max(23).nullable(),
  /** An IANA time zone, e.g. Europe/Paris. */
  timeZone: z.string(),
  /** A hand-over waiting for acceptance this many hours or more is listed as waiting. */
  waitingHours: z.number().int().positive(),
});

export type NewChannel = z.infer<typeof newChannelSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ChannelPatch = z.infer<typeof channelPatchSchema>;
export type DigestSettings = z.infer<typeof digestSettingsSchema>;

// Channels as the API takes and answers them: settings per kind (kind-settings.ts checks them in
// the service, naming the field at fault), secrets taken but never answered (only their names),
// and what a test send answers. Times in ISO-8601.
import { z } from 'zod';
import { CHANNEL_KINDS, type Channel } from '../../store/channel-records.js';
import { isoTime } from './iso-time.js';

const iso = (ms: number) => new Date(ms).toISOString();
const fields = z.record(z.string(), z.unknown());

const name = z.string().trim().min(1).max(100).describe('Unique in the workspace');
const config = fields.describe(
  'The settings of its kind; its secret fields (password, webhookUrl, writeKey, accessToken, ' +
    'clientSecret, ...) may be given here too: they are kept apart, sealed, never answered',
);
const secrets = fields.describe('The secret settings, if not given inside `config`');
const sync = fields
  .nullable()
  .describe(
    'Write-back of lead state (segment, hubspot, salesforce): `{ fields?, precision? }`; null: off',
  );

export const channelCreateSchema = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    name,
    config: config.default({}),
    secrets: secrets.optional(),
    sync: sync.optional(),
  })
  .strict();

export const channelUpdateSchema = z
  .object({
    name,
    config: config.describe(
      'Merged over the stored settings: a field left out keeps its value, null clears it',
    ),
    secrets,
    sync,
    enabled: z.boolean().describe('false pauses its deliveries; true resumes them'),
  })
  .partial()
  .strict()
  .refine(
    (patch) => Object.keys(patch).length > 0,
    'expected name, config, secrets, sync or enabled',
  );

export const channelTestSchema = z
  .object({
    to: z
      .email()
      .optional()
      .describe('E-mail channels: where the test goes (default: the signed-in person)'),
  })
  .strict();

export const channelViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CHANNEL_KINDS),
    name: z.string(),
    config: fields.describe('The settings that are not secret, defaults filled in'),
    secretsSet: z.array(z.string()).describe('The names of the secrets that are set; never values'),
    sync: fields.nullable().describe('Its write-back settings; null when it does not sync'),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .describe('Why it is disabled: by request, or after a run of failed attempts'),
    consecutiveFailures: z.number().int().describe('Failed attempts since the last success'),
    pendingDeliveries: z.number().int().describe('Deliveries waiting (counted up to 1000)'),
    failedDeliveries: z.number().int().describe('Deliveries failed for good (counted up to 1000)'),
    createdBy: z.string().nullable().describe('The person or key that made it'),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .describe('A channel: where scores are delivered');

export const channelListSchema = z
  .object({ items: z.array(channelViewSchema) })
  .describe('Channels, oldest first');

export const channelDeletedSchema = z
  .object({ id: z.string(), deleted: z.literal(true) })
  .describe('Deleted, with its deliveries and their attempts');

export const channelTestResultSchema = z
  .object({
    ok: z.boolean(),
    statusCode: z.number().int().nullable().describe('The service’s HTTP or SMTP status, if any'),
    error: z.string().nullable().describe('Why it failed; null when it succeeded'),
    latencyMs: z.number().int(),
  })
  .describe('What came of the test send (a failed one is still a 200)');

export type ChannelView = z.infer<typeof channelViewSchema>;
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

export const DELIVERY_COUNT_CAP = 1000;

export function channelView(
  channel: Channel,
  secretsSet: string[],
  counts: { pending: number; failed: number },
): ChannelView {
  return {
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    config: channel.config,
    secretsSet,
    sync: channel.sync,
    enabled: channel.enabled,
    disabledReason: channel.disabledReason,
    consecutiveFailures: channel.consecutiveFailures,
    pendingDeliveries: counts.pending,
    failedDeliveries: counts.failed,
    createdBy: channel.createdBy,
    createdAt: iso(channel.createdAt),
    updatedAt: iso(channel.updatedAt),
  };
}

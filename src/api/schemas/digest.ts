// The daily digest's settings as the API takes and answers them.
import { z } from 'zod';
import type { EffectiveDigestSettings } from '../../service/digest/digest-settings.js';
import { isoTime } from './iso-time.js';

const fields = {
  channelIds: z
    .array(z.string().min(1).max(200))
    .max(50)
    .describe('E-mail channels (to each owner) and Slack channels the digest goes to'),
  hour: z
    .number()
    .int()
    .min(0)
    .max(23)
    .nullable()
    .describe('The hour (0-23) in `timeZone` the digest is sent; null turns it off'),
  timeZone: z
    .string()
    .min(1)
    .max(100)
    .describe('An IANA time zone, e.g. Europe/Paris or America/New_York'),
  waitingHours: z
    .number()
    .int()
    .min(1)
    .max(8760)
    .describe('A hand-over awaiting acceptance this many hours or more is listed as waiting'),
};

export const digestSettingsBodySchema = z.object(fields).strict();

export const digestSettingsViewSchema = z
  .object({
    ...fields,
    updatedAt: isoTime
      .nullable()
      .describe('When they were last set; null while the defaults (LEADSCORE_DIGEST_HOUR) apply'),
  })
  .describe("The daily digest's settings");

export type DigestSettingsView = z.infer<typeof digestSettingsViewSchema>;

export function digestSettingsView(settings: EffectiveDigestSettings): DigestSettingsView {
  return {
    channelIds: settings.channelIds,
    hour: settings.hour,
    timeZone: settings.timeZone,
    waitingHours: settings.waitingHours,
    updatedAt: settings.updatedAt === null ? null : new Date(settings.updatedAt).toISOString(),
  };
}

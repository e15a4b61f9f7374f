// The daily digest's settings per workspace: what is stored, or the defaults (the hour from
// LEADSCORE_DIGEST_HOUR, UTC, 24 hours, every e-mail channel); and a change checked against the
// workspace's channels (each must exist and be an e-mail or Slack channel).
import { StoreError, type DigestSettings, type Store, type StoreTx } from '../../store/port.js';
import { noteAudit } from '../audit/audit-scope.js';
import { canonicalTimeZone } from './local-time.js';

export const DEFAULT_DIGEST_TIME_ZONE = 'UTC';
export const DEFAULT_WAITING_HOURS = 24;
/** The kinds a digest can be sent through: e-mail to each owner, Slack to the channel. */
export const DIGEST_CHANNEL_KINDS: readonly string[] = ['email', 'slack'];

export interface DigestDefaults {
  /** LEADSCORE_DIGEST_HOUR: the hour of workspaces that set none; null: off. */
  hour: number | null;
}

export interface EffectiveDigestSettings extends DigestSettings {
  /** When they were last set; null while the defaults apply. */
  updatedAt: number | null;
}

/** The workspace's settings, or the defaults when it never set them. */
export async function digestSettingsOf(
  tx: StoreTx,
  ws: string,
  defaults: DigestDefaults,
): Promise<EffectiveDigestSettings> {
  const stored = await tx.getDigestSettings(ws);
  if (stored) return stored;
  const channels = await tx.listChannels(ws);
  return {
    channelIds: channels.filter((c) => c.kind === 'email').map((c) => c.id),
    hour: defaults.hour,
    timeZone: DEFAULT_DIGEST_TIME_ZONE,
    waitingHours: DEFAULT_WAITING_HOURS,
    updatedAt: null,
  };
}

/** putDigestSettings in a transaction of its own. */
export function setDigestSettings(
  store: Store,
  ws: string,
  settings: DigestSettings,
  now: number,
): Promise<EffectiveDigestSettings> {
  return store.transaction((tx) => putDigestSettings(tx, ws, settings, now));
}

/**
 * Stores the settings after checking them: the time zone by Intl (kept by its canonical name),
 * each channel id against the workspace's channels. A problem is StoreError 'invalid' naming the
 * field as the request has it (`body.channelIds[2]`).
 */
export async function putDigestSettings(
  tx: StoreTx,
  ws: string,
  settings: DigestSettings,
  now: number,
): Promise<EffectiveDigestSettings> {
  const timeZone = canonicalTimeZone(settings.timeZone);
  if (timeZone === null)
    throw new StoreError(
      'invalid',
      `body.timeZone: "${settings.timeZone}" is not an IANA time zone (e.g. Europe/Paris)`,
    );
  const channels = new Map((await tx.listChannels(ws)).map((c) => [c.id, c]));
  settings.channelIds.forEach((id, i) => {
    const channel = channels.get(id);
    if (!channel) throw new StoreError('invalid', `body.channelIds[${i}]: no channel "${id}"`);
    if (!DIGEST_CHANNEL_KINDS.includes(channel.kind))
      throw new StoreError(
        'invalid',
        `body.channelIds[${i}]: channel "${channel.name}" is a ${channel.kind} channel; a digest goes to e-mail or Slack channels`,
      );
  });
  const stored = { ...settings, timeZone, channelIds: [...new Set(settings.channelIds)] };
  await tx.putDigestSettings(ws, stored, now);
  noteAudit('digest', {
    hour: stored.hour,
    timeZone,
    waitingHours: stored.waitingHours,
    channelIds: stored.channelIds,
  });
  return { ...stored, updatedAt: now };
}

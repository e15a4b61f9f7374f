// One round of the daily digest: for each workspace whose digest hour has come today (in its
// time zone), each owner with something to say gets the day's digest once, however many servers
// run the round: the claim of (owner, day) and the digest's messages commit together, so the
// server that wins the claim is the one that enqueues it (one `channel.digest` per channel).
import type { Channel, Store } from '../../store/port.js';
import type { DigestMessage } from '../channels/message-data.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { digestContents, hotStatesOf, type OwnerDigest } from './digest-content.js';
import { myLeadsLink } from './digest-item.js';
import {
  DIGEST_CHANNEL_KINDS,
  digestSettingsOf,
  type DigestDefaults,
  type EffectiveDigestSettings,
} from './digest-settings.js';
import { localTime } from './local-time.js';

export interface DigestRoundDeps {
  store: Store;
  models: ActiveModels;
  defaults: DigestDefaults;
  /** Where people reach the dashboard: the digest's links point there. */
  publicUrl: () => string | undefined;
}

export interface DigestRoundResult {
  /** Owners whose digest this round enqueued. */
  sent: number;
  /** The (workspace, day) rounds done, so the caller skips them for the rest of the day. */
  done: string[];
  /** Workspaces whose round failed (tried again next round); the others went on. */
  failed: { ws: string; error: unknown }[];
}

/** Workspaces with the digest on: their own settings, or the default hour for those without. */
async function digestsOn(
  store: Store,
  defaults: DigestDefaults,
): Promise<{ ws: string; settings: EffectiveDigestSettings }[]> {
  const own = (await store.listDigestSettings()).map(({ workspaceId, ...settings }) => ({
    ws: workspaceId,
    settings: { ...settings, updatedAt: null },
  }));
  if (defaults.hour === null) return own;
  const found = [];
  for (const workspace of await store.listWorkspaces()) {
    const settings = await digestSettingsOf(store, workspace.id, defaults);
    if (settings.hour !== null) found.push({ ws: workspace.id, settings });
  }
  return found;
}

/** What the round remembers as done: a change of the settings makes a new key. */
export function roundKey(ws: string, day: string, settings: EffectiveDigestSettings): string {
  return [ws, day, settings.hour, settings.timeZone, settings.channelIds.join(',')].join('|');
}

function messageOf(
  digest: OwnerDigest,
  day: string,
  settings: EffectiveDigestSettings,
  publicUrl: string | undefined,
): DigestMessage {
  const more = {
    handOvers: digest.handOvers.more,
    hot: digest.hot.more,
    waiting: digest.waiting.more,
  };
  return {
    owner: digest.owner,
    to: digest.owner,
    day,
    timeZone: settings.timeZone,
    handOvers: digest.handOvers.items,
    hot: digest.hot.items,
    waiting: digest.waiting.items,
    waitingHours: settings.waitingHours,
    ...(more.handOvers + more.hot + more.waiting > 0 ? { more } : {}),
    link: myLeadsLink(publicUrl),
  };
}

/** Sends each owner's digest of one workspace for `day`; answers how many this call enqueued. */
async function sendWorkspace(
  deps: DigestRoundDeps,
  ws: string,
  day: string,
  settings: EffectiveDigestSettings,
  now: number,
): Promise<number> {
  const wanted = new Set(settings.channelIds);
  const channels: Channel[] = (await deps.store.listChannels(ws)).filter(
    (c) => wanted.has(c.id) && DIGEST_CHANNEL_KINDS.includes(c.kind),
  );
  if (channels.length === 0) return 0;
  const model = await deps.models.get(deps.store, ws);
  const publicUrl = deps.publicUrl();
  const digests = await digestContents(deps.store, ws, {
    now,
    waitingHours: settings.waitingHours,
    hot: hotStatesOf(model?.compiled),
    publicUrl,
  });
  let sent = 0;
  for (const digest of digests) {
    const data = messageOf(digest, day, settings, publicUrl);
    const won = await deps.store.transaction(async (tx) => {
      if (!(await tx.claimDigestSend(ws, digest.owner, day, now))) return false;
      await tx.enqueueNotifications(
        ws,
        channels.map((c) => ({
          type: 'channel.digest' as const,
          channelId: c.id,
          leadId: null,
          data,
          at: now,
        })),
      );
      return true;
    });
    if (won) sent++;
  }
  return sent;
}

/**
 * One round at `now`. Rounds whose key is in `skip` (done earlier today by this server) are
 * skipped; a server that was down at the hour sends at its first round later the same day.
 */
export async function sendDueDigests(
  deps: DigestRoundDeps,
  now: number,
  skip: ReadonlySet<string> = new Set(),
): Promise<DigestRoundResult> {
  const result: DigestRoundResult = { sent: 0, done: [], failed: [] };
  for (const { ws, settings } of await digestsOn(deps.store, deps.defaults)) {
    try {
      if (settings.hour === null) continue;
      const { day, hour } = localTime(now, settings.timeZone);
      const key = roundKey(ws, day, settings);
      if (hour < settings.hour || skip.has(key)) continue;
      result.sent += await sendWorkspace(deps, ws, day, settings, now);
      result.done.push(key);
    } catch (error) {
      result.failed.push({ ws, error });
    }
  }
  return result;
}

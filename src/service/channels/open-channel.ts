// A stored channel with its secrets opened and checked against its kind's schema.
import type { Channel } from '../../store/port.js';
import type { SecretBox } from '../secret-box.js';
import { KIND_SETTINGS } from './kind-settings.js';
import type { OpenChannel } from './senders.js';

export type Opened = { ok: true; channel: OpenChannel } | { ok: false; error: string };

export function openChannel(channel: Channel, box: SecretBox): Opened {
  let raw: unknown;
  try {
    raw = channel.secrets === '' ? {} : JSON.parse(box.open(channel.secrets));
  } catch (error) {
    // The reason, never the value.
    const why = error instanceof SyntaxError ? 'they are not readable' : (error as Error).message;
    return { ok: false, error: `the channel's secrets cannot be opened: ${why}` };
  }
  const parsed = KIND_SETTINGS[channel.kind].secrets.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: `the channel's secrets are incomplete: ${parsed.error.issues
        .map((i) => `secrets.${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    };
  return { ok: true, channel: { channel, secrets: parsed.data } };
}

// A channel's secrets at rest: one JSON text sealed with the server's SecretBox ('' when it has
// none), and read back only to send, to merge a change, or to list their names.
import type { Channel } from '../../store/port.js';
import type { SecretBox } from '../secret-box.js';

export function sealSecrets(secrets: Record<string, unknown>, box: SecretBox): string {
  return Object.keys(secrets).length === 0 ? '' : box.seal(JSON.stringify(secrets));
}

/** Throws SecretKeyError when the box cannot open them (no key, or another one). */
export function unsealSecrets(channel: Channel, box: SecretBox): Record<string, unknown> {
  if (channel.secrets === '') return {};
  return JSON.parse(box.open(channel.secrets)) as Record<string, unknown>;
}

/** The names of the secrets that are set, never their values; none when they cannot be opened. */
export function secretsSet(channel: Channel, box: SecretBox): string[] {
  try {
    return Object.keys(unsealSecrets(channel, box)).sort();
  } catch {
    return [];
  }
}

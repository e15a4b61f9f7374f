// At start-up, as for webhook signing secrets (webhooks/stored-secrets.ts): every channel's stored
// secrets are checked against the secret box, so a missing or wrong LEADSCORE_SECRET_KEY stops
// the server with a clear error, and secrets stored in clear (a key newly set) are sealed.
import type { Store } from '../../store/port.js';
import { isSealed, SecretKeyError, type SecretBox } from '../secret-box.js';

/** Answers how many channels' secrets it sealed; throws SecretKeyError when one cannot be read. */
export async function sealChannelSecrets(store: Store, box: SecretBox): Promise<number> {
  let sealed = 0;
  for (const workspace of await store.listWorkspaces()) {
    for (const channel of await store.listChannels(workspace.id)) {
      if (channel.secrets === '') continue;
      let plain: string;
      try {
        plain = box.open(channel.secrets);
      } catch (error) {
        if (!(error instanceof SecretKeyError)) throw error;
        throw new SecretKeyError(`${error.message} (channel ${channel.id})`);
      }
      if (!box.encrypts || isSealed(channel.secrets)) continue;
      // Its own updatedAt again: sealing is no change a person made.
      await store.updateChannel(
        workspace.id,
        channel.id,
        { secrets: box.seal(plain) },
        channel.updatedAt,
      );
      sealed++;
    }
  }
  return sealed;
}

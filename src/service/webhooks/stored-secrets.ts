// At start-up, every stored webhook signing secret is checked against the secret box: a missing
// or wrong LEADSCORE_SECRET_KEY stops the server with a clear error instead of signing with
// garbage, and plaintext secrets (older databases, or a key newly set) are sealed in place.
import type { Store } from '../../store/port.js';
import { isSealed, SecretKeyError, type SecretBox } from '../secret-box.js';

/** Answers how many plaintext secrets it sealed; throws SecretKeyError when one cannot be read. */
export async function sealStoredSecrets(store: Store, box: SecretBox): Promise<number> {
  let sealed = 0;
  for (const workspace of await store.listWorkspaces()) {
    for (const webhook of await store.listWebhooks(workspace.id)) {
      try {
        box.open(webhook.secret);
      } catch (error) {
        if (!(error instanceof SecretKeyError)) throw error;
        throw new SecretKeyError(`${error.message} (webhook ${webhook.id})`);
      }
      if (!box.encrypts || isSealed(webhook.secret)) continue;
      // Its own updatedAt again: sealing is no change a person made.
      await store.updateWebhook(
        workspace.id,
        webhook.id,
        { secret: box.seal(webhook.secret) },
        webhook.updatedAt,
      );
      sealed++;
    }
  }
  return sealed;
}

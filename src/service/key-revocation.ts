// Revoking an API key: never the workspace's last live admin key (that would lock it out of the
// management API), and forgotten at once by this process's key cache.
import type { Store } from '../store/port.js';
import { keyCacheOf } from './key-cache.js';

/** A key revoked now or before answers when it was; the refusals answer why. */
export type KeyRevocationOutcome =
  { status: 'revoked'; revokedAt: number } | { status: 'not_found' } | { status: 'last_admin' };

export async function revokeKey(
  store: Store,
  ws: string,
  keyId: string,
  now: number,
): Promise<KeyRevocationOutcome> {
  const outcome = await store.revokeApiKeyKeepingAdmin(ws, keyId, now);
  if (!outcome) return { status: 'not_found' };
  if (outcome.status === 'last_admin') return { status: 'last_admin' };
  keyCacheOf(store).forget(outcome.key.hash);
  return { status: 'revoked', revokedAt: outcome.key.revokedAt ?? now };
}

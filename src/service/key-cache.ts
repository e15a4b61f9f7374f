// Live API keys looked up by secret, remembered for half a second: every ingestion call is
// authenticated, and a store round trip (a transaction of its own) per call would cost more than
// storing the event. A key revoked through this process is forgotten at once (`forget`); one
// revoked elsewhere (another server on the same database) is refused once its entry expires, so
// within the TTL: under a second, as the README promises. The price is one indexed lookup
// (api_keys by hash) per key in use every half second, whatever the call rate.
import { BoundedMap } from './bounded-map.js';
import type { ApiKey, Store } from '../store/port.js';
import { hashKey } from './keys.js';

export interface KeyCacheOptions {
  /**
   * How long a found key is trusted without asking the store again (ms). A lookup that answers
   * a key revoked while it ran is trusted until its start plus this, so a revocation is seen
   * everywhere within it.
   */
  ttlMs: number;
  /** Most keys remembered; the oldest entry goes first. */
  maxEntries: number;
  /** Monotonic milliseconds. */
  clock: () => number;
}

export const DEFAULT_KEY_CACHE: KeyCacheOptions = {
  ttlMs: 500,
  maxEntries: 10_000,
  clock: () => performance.now(),
};

export class KeyCache {
  private readonly entries: BoundedMap<{ key: ApiKey; until: number }>;
  /** Grows with each `forget`: a lookup that started before one does not fill the cache. */
  private forgotten = 0;

  constructor(
    private readonly store: Store,
    private readonly options: KeyCacheOptions = DEFAULT_KEY_CACHE,
  ) {
    this.entries = new BoundedMap(options.maxEntries);
  }

  /** The live key with this secret, if any. Unknown secrets are not remembered. */
  async find(secret: string): Promise<ApiKey | undefined> {
    const hash = hashKey(secret);
    const now = this.options.clock();
    const cached = this.entries.get(hash);
    if (cached && cached.until > now) return cached.key;
    this.entries.delete(hash);
    const forgotten = this.forgotten;
    const key = await this.store.findApiKeyByHash(hash);
    // A revocation may have committed while the lookup ran: answer, but do not remember.
    if (key && forgotten === this.forgotten)
      this.entries.set(hash, { key, until: now + this.options.ttlMs });
    return key;
  }

  /** Drops the key with this hash (just revoked): the next call with it asks the store. */
  forget(hash: string): void {
    this.entries.delete(hash);
    this.forgotten++;
  }
}

const shared = new WeakMap<Store, KeyCache>();

/**
 * The one cache of the store's keys that every route of the process authenticates with, so that
 * revoking a key through this process's API (which forgets it here) stops it at once on every
 * route; other processes see it within their TTL.
 */
export function keyCacheOf(store: Store): KeyCache {
  let cache = shared.get(store);
  if (!cache) {
    cache = new KeyCache(store);
    shared.set(store, cache);
  }
  return cache;
}

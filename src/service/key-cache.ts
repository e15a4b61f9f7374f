// Live API keys looked up by secret, remembered for a few seconds: every ingestion call is
// authenticated, and a store round trip (a transaction of its own) per call would cost more than
// storing the event. A key revoked elsewhere stops working once its entry expires.
import type { ApiKey, Store } from '../store/port.js';
import { hashKey } from './keys.js';

export interface KeyCacheOptions {
  /** How long a found key is trusted without asking the store again (ms). */
  ttlMs: number;
  /** Most keys remembered; the oldest entry goes first. */
  maxEntries: number;
  /** Monotonic milliseconds. */
  clock: () => number;
}

export const DEFAULT_KEY_CACHE: KeyCacheOptions = {
  ttlMs: 5000,
  maxEntries: 10_000,
  clock: () => performance.now(),
};

export class KeyCache {
  private readonly entries = new Map<string, { key: ApiKey; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly options: KeyCacheOptions = DEFAULT_KEY_CACHE,
  ) {}

  /** The live key with this secret, if any. Unknown secrets are not remembered. */
  async find(secret: string): Promise<ApiKey | undefined> {
    const hash = hashKey(secret);
    const now = this.options.clock();
    const cached = this.entries.get(hash);
    if (cached && cached.until > now) return cached.key;
    this.entries.delete(hash);
    const key = await this.store.findApiKeyByHash(hash);
    if (key) {
      if (this.entries.size >= this.options.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(hash, { key, until: now + this.options.ttlMs });
    }
    return key;
  }
}

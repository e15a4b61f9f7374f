// The API key cache against a real SQLite store: found keys are trusted for the TTL only, and a
// miss is never remembered.
import { describe, expect, it } from 'vitest';
import { KeyCache } from '../src/service/key-cache.js';
import { createWorkspaceWithKeys, issueKey } from '../src/service/keys.js';
import { freshStores } from './fresh-stores.js';

const [sqlite] = freshStores();

describe('KeyCache', () => {
  it('trusts a found key for its TTL, then sees that it was revoked', async () => {
    const store = await sqlite!.open();
    const made = await createWorkspaceWithKeys(store, 'w', 0);
    let now = 0;
    const keys = new KeyCache(store, { ttlMs: 1000, maxEntries: 10, clock: () => now });
    expect((await keys.find(made.write.secret))?.id).toBe(made.write.key.id);
    await store.revokeApiKey(made.workspace.id, made.write.key.id, 1);
    now = 999;
    expect((await keys.find(made.write.secret))?.id).toBe(made.write.key.id);
    now = 1000;
    expect(await keys.find(made.write.secret)).toBeUndefined();
  });

  it('does not remember a miss: a key issued after a failed lookup works at once', async () => {
    const store = await sqlite!.open();
    const made = await createWorkspaceWithKeys(store, 'w', 0);
    const keys = new KeyCache(store, { ttlMs: 60_000, maxEntries: 10, clock: () => 0 });
    const secret = 'ls_write_issued-later';
    expect(await keys.find(secret)).toBeUndefined();
    await issueKey(store, made.workspace.id, 'write', 0, secret);
    expect((await keys.find(secret))?.workspaceId).toBe(made.workspace.id);
  });

  it('forgets the oldest key beyond maxEntries, which is then looked up again', async () => {
    const store = await sqlite!.open();
    const made = await createWorkspaceWithKeys(store, 'w', 0);
    const keys = new KeyCache(store, { ttlMs: 60_000, maxEntries: 1, clock: () => 0 });
    await keys.find(made.write.secret);
    await keys.find(made.admin.secret);
    await store.revokeApiKey(made.workspace.id, made.write.key.id, 1);
    // The write key was pushed out by the admin key, so the revocation is seen at once.
    expect(await keys.find(made.write.secret)).toBeUndefined();
    expect((await keys.find(made.admin.secret))?.kind).toBe('admin');
  });
});

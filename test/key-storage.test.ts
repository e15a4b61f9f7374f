// What a stored key keeps in clear on both stores: its hash and a display prefix of the kind
// marker and 4 characters of its secret, for new keys and, after migration 014, for old ones.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { readConfig } from '../src/config.js';
import {
  createWorkspaceWithKeys,
  displayPrefix,
  hashKey,
  issueKey,
  newKeySecret,
} from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ENV_ADMIN = 'my-own-admin-key-of-32-characters-or-more';

describe('generated keys', () => {
  it('carry at least 128 random bits after their kind marker', () => {
    const secrets = Array.from({ length: 500 }, () => newKeySecret('write'));
    for (const secret of secrets) {
      const random = secret.slice('ls_write_'.length);
      expect(random).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(random, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
    // Every base64url character turns up in some position: the bytes are not a fixed pattern.
    const firsts = new Set(secrets.map((s) => s.slice('ls_write_'.length)).join(''));
    expect(firsts.size).toBe(64);
  });

  it('show the kind marker and 4 characters; a key without a marker shows 4', () => {
    expect(displayPrefix('ls_admin_AbCdEfGhIjKl')).toBe('ls_admin_AbCd');
    expect(displayPrefix('ls_write_AbCdEfGhIjKl')).toBe('ls_write_AbCd');
    expect(displayPrefix(ENV_ADMIN)).toBe('my-o');
  });
});

describe('keys given by the environment', () => {
  it('need at least 32 characters, and say so', () => {
    expect(() => readConfig({ LEADSCORE_ADMIN_KEY: 'sixteen-chars-16' })).toThrow(
      /LEADSCORE_ADMIN_KEY: use at least 32 characters/,
    );
    expect(() => readConfig({ LEADSCORE_WRITE_KEY: 'x'.repeat(31) })).toThrow(
      /LEADSCORE_WRITE_KEY: use at least 32 characters/,
    );
    expect(readConfig({ LEADSCORE_ADMIN_KEY: ENV_ADMIN }).LEADSCORE_ADMIN_KEY).toBe(ENV_ADMIN);
  });
});

describe.each(freshStores())('stored keys on $name', ({ openShared }) => {
  it('keep the hash and a 4-character prefix, which is all the key list shows', async () => {
    const db = await openShared();
    const made = await createWorkspaceWithKeys(db.store, 'w', NOW, { admin: ENV_ADMIN });
    const issued = await issueKey(db.store, made.workspace.id, 'write', NOW);
    const rows = await db.query('SELECT prefix, hash FROM api_keys ORDER BY prefix');
    expect(rows).toEqual(
      [
        { prefix: 'my-o', hash: hashKey(ENV_ADMIN) },
        { prefix: displayPrefix(made.write.secret), hash: hashKey(made.write.secret) },
        { prefix: displayPrefix(issued.secret), hash: hashKey(issued.secret) },
      ].sort((x, y) => (x.prefix < y.prefix ? -1 : 1)),
    );
    for (const row of rows)
      expect(String(row.prefix).replace(/^ls_(admin|write)_/, '')).toHaveLength(4);

    const app = await buildApp({ store: db.store, models: new ActiveModels(), clock: () => NOW });
    const created = await app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${ENV_ADMIN}` },
      payload: { kind: 'write', name: 'site' },
    });
    const { key } = created.json<{ key: string }>();
    const listed = await app.inject({
      method: 'GET',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${ENV_ADMIN}` },
    });
    const prefixes = listed.json<{ items: { prefix: string }[] }>().items.map((k) => k.prefix);
    expect(prefixes).toContain('my-o');
    expect(prefixes).toContain(key.slice(0, 'ls_write_'.length + 4));
    expect(prefixes.every((p) => p.replace(/^ls_(admin|write)_/, '').length === 4)).toBe(true);
    await app.close();
  });

  it('cuts the prefixes of keys stored before migration 014 the same way', async () => {
    const db = await openShared();
    const ws = (await db.store.createWorkspace('w', NOW)).id;
    // As the versions before it stored them: the first 12 characters of the secret.
    const old = ['0123456789abcdef', 'ls_admin_AbCdEfGhIjKl', 'ls_write_XyZ', 'short'];
    for (const secret of old)
      await db.store.addApiKey({
        workspaceId: ws,
        kind: secret.startsWith('ls_admin_') ? 'admin' : 'write',
        hash: hashKey(secret),
        prefix: secret.slice(0, 12),
        createdAt: NOW,
      });
    await db.query(`DELETE FROM schema_migrations WHERE id = '014-key-prefix'`);
    expect(await db.store.migrate()).toEqual(['014-key-prefix']);
    const rows = await db.query('SELECT prefix FROM api_keys');
    expect(rows.map((r) => r.prefix).sort()).toEqual(
      ['0123', 'ls_admin_AbC', 'ls_write_XyZ', 'shor'].sort(),
    );
    expect(old.map((s) => displayPrefix(s.slice(0, 12))).sort()).toEqual(
      rows.map((r) => r.prefix).sort(),
    );
  });
});

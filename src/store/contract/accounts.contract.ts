// Contract: migrations, workspaces and API keys.
import { describe, expect, it } from 'vitest';
import { StoreError } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';

export function accountsContract(makeStore: MakeStore): void {
  describe('migrations, workspaces, keys', () => {
    const ctx = useContext(makeStore);

    it('migrates once: a second migrate applies nothing and keeps the data', async () => {
      const { store, ws } = ctx();
      expect(await store.migrate()).toEqual([]);
      expect(await store.getWorkspace(ws)).toMatchObject({ id: ws, name: 'main', createdAt: T0 });
    });

    it('refreshes planner statistics without touching data', async () => {
      const { store, ws } = ctx();
      await store.upsertLead(ws, 'u1', { a: 1 }, T0);
      await store.analyze();
      expect((await store.getLead(ws, 'u1'))?.traits).toEqual({ a: 1 });
    });

    it('creates, reads and lists workspaces', async () => {
      const { store, ws, other } = ctx();
      const created = await store.createWorkspace('third', T0 + 1);
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await store.getWorkspace(created.id)).toEqual(created);
      expect(await store.getWorkspace('missing')).toBeUndefined();
      const ids = (await store.listWorkspaces()).map((w) => w.id);
      expect(ids).toEqual(expect.arrayContaining([ws, other, created.id]));
    });

    it('stores keys by hash, finds only unrevoked ones, refuses a duplicate hash', async () => {
      const { store, ws } = ctx();
      const key = await store.addApiKey({
        workspaceId: ws,
        kind: 'write',
        hash: 'h-write',
        prefix: 'ls_w_12',
        label: 'website',
        rateLimitPerMinute: 600,
        createdAt: T0,
      });
      expect(key).toMatchObject({
        workspaceId: ws,
        kind: 'write',
        label: 'website',
        revokedAt: null,
      });
      expect(await store.findApiKeyByHash('h-write')).toEqual(key);
      const admin = await store.addApiKey({
        workspaceId: ws,
        kind: 'admin',
        hash: 'h-admin',
        prefix: 'ls_a_34',
        createdAt: T0 + 1,
      });
      expect(admin).toMatchObject({ label: null, rateLimitPerMinute: null });
      expect((await store.listApiKeys(ws)).map((k) => k.id)).toEqual([key.id, admin.id]);

      const duplicate = store.addApiKey({ ...admin, hash: 'h-write' });
      await expect(duplicate).rejects.toMatchObject({ code: 'conflict' });
      await expect(duplicate).rejects.toBeInstanceOf(StoreError);

      expect(await store.revokeApiKey(ws, key.id, T0 + 5)).toBe(true);
      expect(await store.revokeApiKey(ws, key.id, T0 + 6)).toBe(false);
      expect(await store.findApiKeyByHash('h-write')).toBeUndefined();
      const listed = await store.listApiKeys(ws);
      expect(listed.find((k) => k.id === key.id)?.revokedAt).toBe(T0 + 5);
    });

    it('refuses a key for an unknown workspace', async () => {
      const { store } = ctx();
      const key = { workspaceId: 'nope', kind: 'admin', hash: 'x', prefix: 'p', createdAt: T0 };
      await expect(store.addApiKey({ ...key, kind: 'admin' })).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });
}

// Workspaces and their API keys.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import { toApiKey, toWorkspace, type ApiKeyRow, type WorkspaceRow } from '../account-rows.js';
import { one, type SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

type AccountMethods = Pick<
  StoreTx,
  | 'createWorkspace'
  | 'getWorkspace'
  | 'listWorkspaces'
  | 'addApiKey'
  | 'findApiKeyByHash'
  | 'listApiKeys'
  | 'revokeApiKey'
>;

const WORKSPACE = 'id, name, created_at';

/** A key's columns, with its workspace's id (the tables hold its key). */
export const API_KEY_COLUMNS = `id, kind, hash, prefix, label, rate_limit_per_minute, role,
  created_at, revoked_at, (SELECT w.id FROM workspaces w WHERE w.ws = api_keys.ws) AS workspace_id`;

export function accountMethods(db: SqlDb, wsKeys: WorkspaceKeys): AccountMethods {
  return {
    async createWorkspace(name, now) {
      const workspace = { id: randomUUID(), name, createdAt: now };
      const row = await db.get<{ ws: number }>(
        'INSERT INTO workspaces (id, name, created_at) VALUES (:id, :name, :createdAt) RETURNING ws',
        { ...workspace },
      );
      wsKeys.learn(workspace.id, Number(one(row).ws));
      return workspace;
    },
    async getWorkspace(id) {
      const row = await db.get<WorkspaceRow>(`SELECT ${WORKSPACE} FROM workspaces WHERE id = :id`, {
        id,
      });
      return row && toWorkspace(row);
    },
    async listWorkspaces() {
      const rows = await db.all<WorkspaceRow>(
        `SELECT ${WORKSPACE} FROM workspaces ORDER BY created_at, id`,
      );
      return rows.map(toWorkspace);
    },
    async addApiKey(key) {
      // ON CONFLICT keeps a PostgreSQL transaction usable after a duplicate, unlike a failed
      // insert; the WHERE also keeps SQLite from reading ON CONFLICT as a join.
      const row = await db.get<ApiKeyRow>(
        `INSERT INTO api_keys (id, ws, kind, hash, prefix, label, rate_limit_per_minute, role,
           created_at)
         SELECT CAST(:id AS TEXT), ws, CAST(:kind AS TEXT), CAST(:hash AS TEXT),
           CAST(:prefix AS TEXT), CAST(:label AS TEXT), CAST(:rate AS INTEGER),
           CAST(:role AS TEXT), CAST(:createdAt AS BIGINT)
         FROM workspaces WHERE id = :ws
         ON CONFLICT (hash) DO NOTHING RETURNING ${API_KEY_COLUMNS}`,
        {
          id: randomUUID(),
          ws: key.workspaceId,
          kind: key.kind,
          hash: key.hash,
          prefix: key.prefix,
          label: key.label ?? null,
          rate: key.rateLimitPerMinute ?? null,
          role: key.role ?? (key.kind === 'admin' ? 'owner' : null),
          createdAt: key.createdAt,
        },
      );
      if (row) return toApiKey(row);
      if (await db.get('SELECT 1 AS found FROM api_keys WHERE hash = :hash', { hash: key.hash })) {
        throw new StoreError('conflict', 'an API key with this hash exists');
      }
      throw new StoreError('not_found', `workspace ${key.workspaceId} not found`);
    },
    async findApiKeyByHash(hash) {
      const row = await db.get<ApiKeyRow>(
        `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE hash = :hash AND revoked_at IS NULL`,
        { hash },
      );
      return row && toApiKey(row);
    },
    async listApiKeys(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<ApiKeyRow>(
        `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE ws = :ws ORDER BY created_at, id`,
        { ws },
      );
      return rows.map(toApiKey);
    },
    async revokeApiKey(wsId, keyId, now) {
      const ws = await wsKeys.of(wsId);
      const changed = await db.run(
        `UPDATE api_keys SET revoked_at = :now
         WHERE ws = :ws AND id = :keyId AND revoked_at IS NULL`,
        { ws, keyId, now },
      );
      return changed > 0;
    },
  };
}

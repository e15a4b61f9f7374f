// PostgreSQL: workspaces and their API keys.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import { toApiKey, toWorkspace, type ApiKeyRow, type WorkspaceRow } from '../account-rows.js';
import type { Query } from './pg-db.js';

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

export function accountMethods(q: Query): AccountMethods {
  return {
    async createWorkspace(name, now) {
      const workspace = { id: randomUUID(), name, createdAt: now };
      await q('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [
        workspace.id,
        name,
        now,
      ]);
      return workspace;
    },
    async getWorkspace(id) {
      const { rows } = await q<WorkspaceRow>('SELECT * FROM workspaces WHERE id = $1', [id]);
      return rows[0] && toWorkspace(rows[0]);
    },
    async listWorkspaces() {
      const { rows } = await q<WorkspaceRow>('SELECT * FROM workspaces ORDER BY created_at, id');
      return rows.map(toWorkspace);
    },
    async addApiKey(key) {
      // ON CONFLICT keeps the transaction usable after a duplicate, unlike a failed insert.
      const { rows } = await q<ApiKeyRow>(
        `INSERT INTO api_keys (id, workspace_id, kind, hash, prefix, label, rate_limit_per_minute,
           created_at)
         SELECT $1, id, $3, $4, $5, $6, $7, $8 FROM workspaces WHERE id = $2
         ON CONFLICT (hash) DO NOTHING RETURNING *`,
        [
          randomUUID(),
          key.workspaceId,
          key.kind,
          key.hash,
          key.prefix,
          key.label ?? null,
          key.rateLimitPerMinute ?? null,
          key.createdAt,
        ],
      );
      if (rows[0]) return toApiKey(rows[0]);
      const workspace = await q('SELECT 1 FROM workspaces WHERE id = $1', [key.workspaceId]);
      if (workspace.rowCount === 0) {
        throw new StoreError('not_found', `workspace ${key.workspaceId} not found`);
      }
      throw new StoreError('conflict', 'an API key with this hash exists');
    },
    async findApiKeyByHash(hash) {
      const { rows } = await q<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE hash = $1 AND revoked_at IS NULL',
        [hash],
      );
      return rows[0] && toApiKey(rows[0]);
    },
    async listApiKeys(ws) {
      const { rows } = await q<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE workspace_id = $1 ORDER BY created_at, id',
        [ws],
      );
      return rows.map(toApiKey);
    },
    async revokeApiKey(ws, keyId, now) {
      const result = await q(
        `UPDATE api_keys SET revoked_at = $3
         WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL`,
        [ws, keyId, now],
      );
      return (result.rowCount ?? 0) > 0;
    },
  };
}

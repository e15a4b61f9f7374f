// SQLite: workspaces and their API keys.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { StoreTx } from '../port.js';
import { toApiKey, toWorkspace, type ApiKeyRow, type WorkspaceRow } from '../account-rows.js';
import type { Sql } from './sqlite-db.js';

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

export function accountMethods(sql: Sql): AccountMethods {
  return {
    async createWorkspace(name, now) {
      const workspace = { id: randomUUID(), name, createdAt: now };
      sql('INSERT INTO workspaces (id, name, created_at) VALUES (@id, @name, @createdAt)').run(
        workspace,
      );
      return workspace;
    },
    async getWorkspace(id) {
      const row = sql<WorkspaceRow>('SELECT * FROM workspaces WHERE id = @id').get({ id });
      return row && toWorkspace(row);
    },
    async listWorkspaces() {
      return sql<WorkspaceRow>('SELECT * FROM workspaces ORDER BY created_at, id')
        .all()
        .map(toWorkspace);
    },
    async addApiKey(key) {
      const row: ApiKeyRow = {
        id: randomUUID(),
        workspace_id: key.workspaceId,
        kind: key.kind,
        hash: key.hash,
        prefix: key.prefix,
        label: key.label ?? null,
        rate_limit_per_minute: key.rateLimitPerMinute ?? null,
        created_at: key.createdAt,
        revoked_at: null,
      };
      if (sql('SELECT 1 FROM api_keys WHERE hash = @hash').get({ hash: key.hash })) {
        throw new StoreError('conflict', 'an API key with this hash exists');
      }
      if (!sql('SELECT 1 FROM workspaces WHERE id = @id').get({ id: key.workspaceId })) {
        throw new StoreError('not_found', `workspace ${key.workspaceId} not found`);
      }
      sql(
        `INSERT INTO api_keys VALUES (@id, @workspace_id, @kind, @hash, @prefix, @label,
           @rate_limit_per_minute, @created_at, @revoked_at)`,
      ).run({ ...row });
      return toApiKey(row);
    },
    async findApiKeyByHash(hash) {
      const row = sql<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE hash = @hash AND revoked_at IS NULL',
      ).get({ hash });
      return row && toApiKey(row);
    },
    async listApiKeys(ws) {
      return sql<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE workspace_id = @ws ORDER BY created_at, id',
      )
        .all({ ws })
        .map(toApiKey);
    },
    async revokeApiKey(ws, keyId, now) {
      const result = sql(
        `UPDATE api_keys SET revoked_at = @now
         WHERE workspace_id = @ws AND id = @keyId AND revoked_at IS NULL`,
      ).run({ ws, keyId, now });
      return result.changes > 0;
    },
  };
}
